# softmax.mg — the benchmarks' 3-class classifier: 2 -> 16 tanh -> 3 logits, loss -log_softmax(logits)[c].
# The target is the class index c (0, 1 or 2) as in the baselines, so the loss selects its element
# with where(); parameter order and shapes match Workloads.softmax().
model softmax

const H = 16

input  x[2]
target c

param W1[H, 2] ~ uniform(-0.7, 0.7)
param b1[H]    = 0
param W2[3, H] ~ uniform(-0.25, 0.25)
param b2[3]    = 0

h      = tanh(W1 @ x + b1)
logits = W2 @ h + b2
ls     = log_softmax(logits)

output logits
loss = -where(c == 0, ls[0], where(c == 1, ls[1], ls[2]))

# softmax.mg — a 3-class classifier: 2 -> 16 tanh -> 3 logits, cross-entropy on a one-hot target
model softmax

const H = 16
const K = 3

input  x[2]
target y[K]                   # one-hot class

param W1[H, 2] ~ xavier
param b1[H]    = 0
param W2[K, H] ~ xavier
param b2[K]    = 0

h      = tanh(W1 @ x + b1)
logits = W2 @ h + b2
probs  = softmax(logits)

output probs
loss = -dot(y, log_softmax(logits))

train {
  data      = spirals(n = 300, classes = 3, noise = 0.1, seed = 1)
  optimizer = adam(lr = 0.02)
  epochs    = 200
  batch     = 32
  seed      = 1
}

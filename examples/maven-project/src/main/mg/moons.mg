# moons.mg — micrograd's demo network: 2 -> 16 -> 16 -> 1, SVM max-margin loss
model moons

input  x[2]
target y                      # +1 or -1, per example

param W1[16, 2]  ~ uniform(-1, 1)
param b1[16]     = 0
param W2[16, 16] ~ uniform(-1, 1)
param b2[16]     = 0
param w3[16]     ~ uniform(-1, 1)
param b3         = 0

h1    = relu(W1 @ x + b1)
h2    = relu(W2 @ h1 + b2)
score = dot(w3, h2) + b3

output score
loss    = relu(1 - y * score)                        # per example; the trainer takes the batch mean
penalty = 1e-4 * (sum(W1^2) + sum(b1^2) + sum(W2^2) + sum(b2^2) + sum(w3^2) + b3^2)
                                                     # params only, as in micrograd; once per batch

train {
  data      = moons(n = 100, noise = 0.1, seed = 1)
  optimizer = sgd(lr = 1.0 to 0.1)      # linear decay over the run
  steps     = 100
  batch     = all
  seed      = 6                         # initialisation; like micrograd's demo, a fixed seed
}

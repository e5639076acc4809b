# residual.mg — a 4-layer, 32-wide residual MLP: 2 -> 32 -> (3 residual blocks) -> 1
model residual

const D = 32

input  x[2]
target y

param W0[D, 2] ~ kaiming
param b0[D]    = 0
param W1[D, D] ~ normal(0, 0.05)
param b1[D]    = 0
param W2[D, D] ~ normal(0, 0.05)
param b2[D]    = 0
param W3[D, D] ~ normal(0, 0.05)
param b3[D]    = 0
param wout[D]  ~ uniform(-0.1, 0.1)
param bout     = 0

fn block(h[D], W[D, D], b[D]) = h + tanh(W @ h + b)

h1 = tanh(W0 @ x + b0)
h2 = block(h1, W1, b1)
h3 = block(h2, W2, b2)
h4 = block(h3, W3, b3)
prediction = dot(wout, h4) + bout

output prediction
loss    = (prediction - y)^2
penalty = 1e-5 * (sum(W1^2) + sum(W2^2) + sum(W3^2))

train {
  data      = moons(n = 200, noise = 0.1, seed = 2)
  optimizer = momentum(lr = 0.01, mu = 0.9)
  epochs    = 20
  batch     = 16
  threads   = 2
  seed      = 1
}

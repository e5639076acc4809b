# residual.mg — the benchmarks' residual network: 2 -> 32 tanh, then 4 blocks h = h + tanh(W h + b),
# then a linear output; squared error. Parameter order and shapes match Workloads.residual().
model residual

const D = 32

input  x[2]
target y

param W0[D, 2] ~ uniform(-0.7, 0.7)
param b0[D]    = 0
param W1[D, D] ~ uniform(-0.17, 0.17)
param b1[D]    = 0
param W2[D, D] ~ uniform(-0.17, 0.17)
param b2[D]    = 0
param W3[D, D] ~ uniform(-0.17, 0.17)
param b3[D]    = 0
param W4[D, D] ~ uniform(-0.17, 0.17)
param b4[D]    = 0
param w5[D]    ~ uniform(-0.17, 0.17)
param b5       = 0

fn block(h[D], W[D, D], b[D]) = h + tanh(W @ h + b)

h0  = tanh(W0 @ x + b0)
h1  = block(h0, W1, b1)
h2  = block(h1, W2, b2)
h3  = block(h2, W3, b3)
h4  = block(h3, W4, b4)
out = dot(w5, h4) + b5

output out
loss = (out - y)^2

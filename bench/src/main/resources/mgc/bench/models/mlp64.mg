# mlp64.mg — the benchmarks' 64 -> 64 tanh -> 64 tanh -> 1 MLP with squared error.
# Parameter order and shapes match mgc.bench.workload.Workloads.mlp64(), which supplies the values.
model mlp64

const N = 64

input  x[N]
target y

param W1[N, N] ~ uniform(-0.125, 0.125)
param b1[N]    = 0
param W2[N, N] ~ uniform(-0.125, 0.125)
param b2[N]    = 0
param w3[N]    ~ uniform(-0.125, 0.125)
param b3       = 0

h1  = tanh(W1 @ x + b1)
h2  = tanh(W2 @ h1 + b2)
out = dot(w3, h2) + b3

output out
loss = (out - y)^2

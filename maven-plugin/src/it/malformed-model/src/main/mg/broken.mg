model broken

input  x[2]
target y

param W[3, 2] ~ uniform(-1, 1)
param b[3]    = 0

h = tanh(W @ x + c)
output h
loss = sum((h - y)^2)
penalty = 1e-3 * sum(V^2)

# neuron.mg — the single tanh neuron of micrograd's introduction, with its starting values
model neuron

input  x1, x2
target y

param w1 = -3.0
param w2 = 1.0
param b  = 6.8813735870195432

n = x1*w1 + x2*w2 + b
o = tanh(n)

output o
loss = (o - y)^2

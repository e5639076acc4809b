# linear.mg — linear regression y = w . x + b, fitted by least squares to linear.csv
model linear

input  x[3]                   # columns x_0, x_1, x_2
target y

param w[3] = 0
param b    = 0

prediction = dot(w, x) + b

output prediction
loss = (prediction - y)^2

train {
  data      = csv("linear.csv")
  optimizer = sgd(lr = 0.05)
  steps     = 200
  batch     = 20
  seed      = 1
}

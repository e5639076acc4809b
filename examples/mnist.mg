# mnist.mg — handwritten digits: 784 pixels -> 128 relu -> 10 classes, softmax cross-entropy, Adam
#
# Get the data first: examples/mnist/fetch.sh (see examples/mnist/README.md). Then
#   ./mgc train examples/mnist.mg --plot out/mnist
# trains on the 60,000 training images and reports the 10,000 test images after every epoch.
model mnist

const H = 128                  # hidden units
const K = 10                   # classes (digits 0-9)

input  x[784]                  # a 28x28 image, row-major, pixels scaled to [0, 1]
target y[K]                    # one-hot: the IDX label c becomes a 1 at index c

param W1[H, 784] ~ kaiming
param b1[H]      = 0
param W2[K, H]   ~ xavier
param b2[K]      = 0

h      = relu(W1 @ x + b1)
logits = W2 @ h + b2

output logits
loss = -dot(y, log_softmax(logits))

train {
  data      = idx("mnist/data")        # train-* pair; its t10k-* pair is the test set
  optimizer = adam(lr = 0.001)
  epochs    = 6
  batch     = 64
  seed      = 1
}

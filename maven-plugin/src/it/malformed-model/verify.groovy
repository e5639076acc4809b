// The build failed (invoker.properties); its log names each error as file:line:col: error: and shows no stack trace.
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*broken\.mg:\d+:\d+: error: / : 'no file:line:col: error: line in the log'
assert !(log =~ /(?m)^\s+at [\w$.]+\(/) : 'the log shows a stack trace'
assert log.contains('mgc: 1 model has errors')
assert !new File(basedir, 'target/generated-sources/mgc/mgc/models/Broken.java').exists()
return true

// The build failed (invoker.properties); its log has one file:line:col: error: entry per diagnostic and no stack trace.
def log = new File(basedir, 'build.log').text
def errors = (log =~ /(?m)^\[ERROR\] \S*broken\.mg:(\d+):(\d+): error: (.*)$/).collect { it[1] + ':' + it[2] + ' ' + it[3] }
assert errors == ['9:18 unknown name `c`', '12:22 unknown name `V`'] : "error lines: ${errors}"
assert log.contains('hint: did you mean `W`?')
assert !(log =~ /(?m)^\s+at \S+ ?\(/) : 'the log shows a stack trace'
assert log.contains('mgc: 1 model has errors')
assert !new File(basedir, 'target/generated-sources/mgc/mgc/models/Broken.java').exists()
return true

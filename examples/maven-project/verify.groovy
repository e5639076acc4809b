// Checks of the invoker test (run by ../../maven-plugin; see invoker.properties).
def log = new File(basedir, 'build.log').text
assert log.contains('mgc: moons.mg is up to date') : 'the rebuild with nothing touched recompiled the model'
assert !log.contains('mgc: compiled moons.mg')

def jar = new File(basedir, 'target/moons-app-1.0.jar')
assert jar.isFile()
// the project's jar runs with mgc-runtime (and its one dependency, FastCSV) and nothing else
def repo = new File(localRepositoryPath.toString())
def runtime = new File(repo, 'dev/mgc/mgc-runtime/0.1.0/mgc-runtime-0.1.0.jar')
def fastcsv = new File(repo, 'de/siegmar/fastcsv').listFiles().collect { v -> new File(v, "fastcsv-${v.name}.jar") }.find { it.isFile() }
assert runtime.isFile() && fastcsv != null
def java = new File(System.getProperty('java.home'), 'bin/java').path
def proc = [java, '-cp', [jar, runtime, fastcsv].join(File.pathSeparator), 'demo.Main'].execute()
def out = new StringBuilder(), err = new StringBuilder()
proc.waitForProcessOutput(out, err)
println out
assert proc.exitValue() == 0 : "demo.Main failed: ${err}"
assert out.toString().contains('accuracy 1.0')
assert out.toString() =~ /score\(-1\.0, 0\.5\) = /
return true

// Checks of the invoker test (run by ../../maven-plugin; see invoker.properties).
// build.log holds both invocations, each starting with Maven's "Scanning for projects"
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)
assert runs.size() == 3 : "expected two builds in build.log, found ${runs.size() - 1}"
assert runs[1].contains('mgc: compiled moons.mg -> mgc.models.Moons')
assert runs[2].contains('mgc: moons.mg is up to date') : 'the rebuild with nothing touched did not say up to date'
assert !runs[2].contains('mgc: compiled') : 'the rebuild with nothing touched recompiled the model'

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

/** JMH benchmarks. */ package mgc.bench;

/** Example programs using the public API. */ package mgc.examples;

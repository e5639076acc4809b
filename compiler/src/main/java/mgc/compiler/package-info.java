/** The mgc compiler. */ package mgc.compiler;

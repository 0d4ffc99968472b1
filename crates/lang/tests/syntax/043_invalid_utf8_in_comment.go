// A comment holds a byte that is not UTF-8; the rest is fine.
package main

// bad ÿ byte
func main() {}

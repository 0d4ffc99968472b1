// A short variable declaration stands at the top level.
package main

x := 1

func main() {}

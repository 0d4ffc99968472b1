// A channel type has no element type.
package main

var c chan

func main() {}

// An array type's length is followed by a comma.
package main

var a [3,]int

func main() {}

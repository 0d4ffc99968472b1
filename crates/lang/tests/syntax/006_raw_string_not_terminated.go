// A raw string runs to the end of the file.
package main

var s = `abc

func main() {}

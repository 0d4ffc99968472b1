// One parameter has a name, the other only a type.
package main

func f(a int, string) {}

func main() {}

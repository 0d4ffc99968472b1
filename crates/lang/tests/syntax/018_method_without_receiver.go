// A method's receiver list is empty.
package main

func () f() {}

func main() {}

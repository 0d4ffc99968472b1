// An import path holds a space.
package main

import "a b"

func main() {}

// An import path is a number.
package main

import 42

func main() {}

// An import names a package without quotes.
package main

import fmt

func main() {}

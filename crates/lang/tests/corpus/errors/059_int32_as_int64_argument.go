// An int32 variable is not assignable to an int64 parameter without a conversion.
package main

import "fmt"

func store(v int64) {
	fmt.Println(v)
}

func main() {
	var small int32 = 7
	store(small)
}

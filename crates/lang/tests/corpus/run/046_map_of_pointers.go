// Storing pointers in a map lets code update the stored structs in place.
package main

import (
	"fmt"
	"sort"
)

type Account struct {
	Owner   string
	Balance int
}

func (a *Account) Deposit(n int) { a.Balance += n }

func main() {
	accounts := map[string]*Account{}
	for _, name := range []string{"zoe", "yan", "xia"} {
		accounts[name] = &Account{Owner: name, Balance: 10}
	}
	accounts["yan"].Deposit(25)
	accounts["zoe"].Balance -= 4
	acct := accounts["xia"]
	acct.Deposit(1)

	names := make([]string, 0, len(accounts))
	for n := range accounts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("%s: %d\n", n, accounts[n].Balance)
	}
	fmt.Println(accounts["yan"])

	values := map[string]Account{"one": {Owner: "one", Balance: 1}}
	v := values["one"]
	v.Balance = 100
	fmt.Println("map of values unchanged:", values["one"].Balance)
	values["one"] = v
	fmt.Println("after storing the copy back:", values["one"].Balance)
}

// Locking a sync.Mutex that the same goroutine already holds blocks forever.
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	data []int
}

func (s *Store) Add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = append(s.data, v)
}

func (s *Store) AddTwice(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Add(v)
	s.Add(v)
}

func main() {
	s := &Store{}
	s.Add(1)
	fmt.Println("first add ok:", s.data)
	s.AddTwice(2)
	fmt.Println("never printed")
}

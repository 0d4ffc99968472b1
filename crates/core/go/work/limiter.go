package work

import (
	"sync"
	"time"
)

// Limiter is a token bucket with the Wait semantics of
// golang.org/x/time/rate: it starts full, refills at rate per second up to
// burst, and Wait reserves the next token (the balance may go negative) and
// sleeps until it is due, so waiters are served in the order they asked.
// The programs carry this small copy so they build without a module download.
type Limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	balance float64
	last    time.Time
}

// NewLimiter returns a full bucket.
func NewLimiter(ratePerSecond, burst int) *Limiter {
	return &Limiter{rate: float64(ratePerSecond), burst: float64(burst), balance: float64(burst), last: time.Now()}
}

// Wait blocks until a token is available.
func (l *Limiter) Wait() {
	l.mu.Lock()
	now := time.Now()
	l.balance += now.Sub(l.last).Seconds() * l.rate
	if l.balance > l.burst {
		l.balance = l.burst
	}
	l.last = now
	l.balance--
	wait := time.Duration(0)
	if l.balance < 0 {
		wait = time.Duration(-l.balance / l.rate * float64(time.Second))
	}
	l.mu.Unlock()
	time.Sleep(wait)
}

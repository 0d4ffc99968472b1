package work

import (
	"math"
	"math/bits"
	"time"
)

// drawDurations draws every task's duration as the simulator does, so a
// seed gives the same durations, to the nanosecond, here as in the
// simulation: the same generator (PCG-64 MCG, rand_pcg's Mcg128Xsl64,
// seeded as rand_core's seed_from_u64), the same sampling arithmetic, and
// the same log and pow (FreeBSD's, as the libm crate has them; Go's math.Log
// and math.Pow may differ in the last bit). Every product that feeds a sum
// is converted to float64, which keeps Go from fusing it into one
// multiply-add on the platforms that have one.
func drawDurations(dist string, tasks int, mean time.Duration, alpha, longShare float64, longFactor int, seed uint64) []time.Duration {
	if mean < 0 || tasks < 1 || longFactor < 1 || longShare < 0 || longShare > 1 {
		fail("dist=%s: dur, tasks, long_share or long_factor out of range", dist)
	}
	rng := newSimRng(seed)
	meanNs := float64(mean)
	// The simulator caps every duration at an hour.
	const capNs = float64(time.Hour)
	clamp := func(x float64) time.Duration {
		if x != x {
			return 0
		}
		return time.Duration(uint64(math.Max(0, math.Min(x, capNs))))
	}
	// The links carry thousandths: use exactly the value the simulator does.
	alpha = math.Round(alpha*1000) / 1000
	longPermille := uint32(math.Round(longShare * 1000))
	durations := make([]time.Duration, tasks)
	for t := range durations {
		switch dist {
		case "fixed":
			durations[t] = mean
		case "uniform":
			durations[t] = time.Duration(rng.next() % (2*uint64(mean) + 1))
		case "exp":
			durations[t] = clamp(-meanNs * fdlibmLog(rng.unitOpen()))
		case "pareto":
			if !(alpha > 1) {
				fail("alpha: %v is not above 1", alpha)
			}
			// The mean of Pareto(xm, alpha) is alpha*xm/(alpha-1): pick xm so it is dur.
			scale := meanNs * (alpha - 1) / alpha
			durations[t] = clamp(scale / fdlibmPow(rng.unitOpen(), 1/alpha))
		case "bimodal":
			if rng.below(1000) < longPermille {
				long := mean * time.Duration(longFactor)
				if long/time.Duration(longFactor) != mean {
					long = math.MaxInt64
				}
				durations[t] = long
			} else {
				durations[t] = mean
			}
		default:
			fail("dist: bad value %q (fixed, uniform, exp, pareto, bimodal or list)", dist)
		}
	}
	return durations
}

// simRng is PCG-64 MCG: a 128-bit multiplicative congruential state, output
// by xor-folding its halves and rotating by its top six bits.
type simRng struct{ hi, lo uint64 }

const pcgMultiplierHi, pcgMultiplierLo = 0x2360ed051fc65da4, 0x4385df649fccf645

// newSimRng seeds as rand_core's seed_from_u64: PCG-32 steps fill the 16
// seed bytes, read as a little-endian 128-bit state with its low bit set.
func newSimRng(seed uint64) *simRng {
	var words [4]uint32
	for i := range words {
		seed = seed*6364136223846793005 + 11634580027462260723
		xorshifted := uint32(((seed >> 18) ^ seed) >> 27)
		words[i] = bits.RotateLeft32(xorshifted, -int(seed>>59))
	}
	lo := uint64(words[0]) | uint64(words[1])<<32
	hi := uint64(words[2]) | uint64(words[3])<<32
	return &simRng{hi: hi, lo: lo | 1}
}

func (r *simRng) next() uint64 {
	carry, lo := bits.Mul64(r.lo, pcgMultiplierLo)
	r.hi = carry + r.lo*pcgMultiplierHi + r.hi*pcgMultiplierLo
	r.lo = lo
	return bits.RotateLeft64(r.hi^r.lo, -int(r.hi>>58))
}

// below is uniform in 0..n by Lemire's multiply-shift.
func (r *simRng) below(n uint32) uint32 {
	return uint32(((r.next() >> 32) * uint64(n)) >> 32)
}

// unitOpen is uniform in the open interval (0, 1), from the top 53 bits.
func (r *simRng) unitOpen() float64 {
	return (float64(r.next()>>11) + 0.5) / (1 << 53)
}

func highWord(x float64) uint32 { return uint32(math.Float64bits(x) >> 32) }

func withHighWord(x float64, hi uint32) float64 {
	return math.Float64frombits(math.Float64bits(x)&0xffffffff | uint64(hi)<<32)
}

func withLowWord(x float64, lo uint32) float64 {
	return math.Float64frombits(math.Float64bits(x)&^0xffffffff | uint64(lo))
}

// fdlibmLog is FreeBSD's e_log.c: log(x) = k*ln2 + log(1+f) with
// x = 2^k*(1+f), log(1+f) from a degree-14 polynomial in s = f/(2+f).
func fdlibmLog(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		lg1   = 6.666666666666735130e-01
		lg2   = 3.999999999940941908e-01
		lg3   = 2.857142874366239149e-01
		lg4   = 2.222219843214978396e-01
		lg5   = 1.818357216161805012e-01
		lg6   = 1.531383769920937332e-01
		lg7   = 1.479819860511658591e-01
	)
	ui := math.Float64bits(x)
	hx := uint32(ui >> 32)
	k := int32(0)
	if hx < 0x00100000 || hx>>31 != 0 {
		if ui<<1 == 0 {
			return math.Inf(-1)
		}
		if hx>>31 != 0 {
			return math.NaN()
		}
		// Subnormal: scale up by 2^54.
		k -= 54
		x *= 0x1p54
		ui = math.Float64bits(x)
		hx = uint32(ui >> 32)
	} else if hx >= 0x7ff00000 {
		return x
	} else if hx == 0x3ff00000 && ui<<32 == 0 {
		return 0
	}
	// Reduce x into [sqrt(2)/2, sqrt(2)].
	hx += 0x3ff00000 - 0x3fe6a09e
	k += int32(hx>>20) - 0x3ff
	hx = hx&0x000fffff + 0x3fe6a09e
	x = math.Float64frombits(uint64(hx)<<32 | ui&0xffffffff)

	f := x - 1
	hfsq := float64(float64(0.5*f) * f)
	s := f / (2 + f)
	z := float64(s * s)
	w := float64(z * z)
	t1 := float64(w * (lg2 + float64(w*(lg4+float64(w*lg6)))))
	t2 := float64(z * (lg1 + float64(w*(lg3+float64(w*(lg5+float64(w*lg7)))))))
	r := t2 + t1
	dk := float64(k)
	return float64(s*(hfsq+r)) + float64(dk*ln2Lo) - hfsq + f + float64(dk*ln2Hi)
}

// fdlibmPow is FreeBSD's e_pow.c: log2(x) in two pieces, y*log2(x) = n+y'
// in simulated extra precision, then 2^n * exp(y'*ln2). Only finite
// positive x and y reach it here, but every case is kept as it is there.
func fdlibmPow(x, y float64) float64 {
	const (
		two53  = 9007199254740992.0
		huge   = 1.0e300
		tiny   = 1.0e-300
		l1     = 5.99999999999994648725e-01
		l2     = 4.28571428578550184252e-01
		l3     = 3.33333329818377432918e-01
		l4     = 2.72728123808534006489e-01
		l5     = 2.30660745775561754067e-01
		l6     = 2.06975017800338417784e-01
		p1     = 1.66666666666666019037e-01
		p2     = -2.77777777770155933842e-03
		p3     = 6.61375632143793436117e-05
		p4     = -1.65339022054652515390e-06
		p5     = 4.13813679705723846039e-08
		lg2    = 6.93147180559945286227e-01
		lg2H   = 6.93147182464599609375e-01
		lg2L   = -1.90465429995776804525e-09
		ovt    = 8.0085662595372944372e-017
		cp     = 9.61796693925975554329e-01
		cpH    = 9.61796700954437255859e-01
		cpL    = -7.02846165095275826516e-09
		ivln2  = 1.44269504088896338700e+00
		ivln2H = 1.44269502162933349609e+00
		ivln2L = 1.92596299112661746887e-08
	)
	bp := [2]float64{1.0, 1.5}
	dpH := [2]float64{0.0, 5.84962487220764160156e-01}
	dpL := [2]float64{0.0, 1.35003920212974897128e-08}

	hx, lx := int32(math.Float64bits(x)>>32), uint32(math.Float64bits(x))
	hy, ly := int32(math.Float64bits(y)>>32), uint32(math.Float64bits(y))
	ix := hx & 0x7fffffff
	iy := hy & 0x7fffffff

	if uint32(iy)|ly == 0 {
		return 1
	}
	if hx == 0x3ff00000 && lx == 0 {
		return 1
	}
	if ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0) {
		return x + y
	}

	// yIsInt: 0 when y is not an integer, 1 when odd, 2 when even (x < 0 only).
	yIsInt := int32(0)
	if hx < 0 {
		if iy >= 0x43400000 {
			yIsInt = 2
		} else if iy >= 0x3ff00000 {
			k := iy>>20 - 0x3ff
			if k > 20 {
				j := int32(ly >> (52 - k))
				if j<<(52-k) == int32(ly) {
					yIsInt = 2 - j&1
				}
			} else if ly == 0 {
				j := iy >> (20 - k)
				if j<<(20-k) == iy {
					yIsInt = 2 - j&1
				}
			}
		}
	}

	if ly == 0 {
		if iy == 0x7ff00000 {
			switch {
			case (ix-0x3ff00000)|int32(lx) == 0:
				return 1
			case ix >= 0x3ff00000:
				if hy >= 0 {
					return y
				}
				return 0
			default:
				if hy >= 0 {
					return 0
				}
				return -y
			}
		}
		if iy == 0x3ff00000 {
			if hy >= 0 {
				return x
			}
			return 1 / x
		}
		if hy == 0x40000000 {
			return x * x
		}
		if hy == 0x3fe00000 && hx >= 0 {
			return math.Sqrt(x)
		}
	}

	ax := math.Abs(x)
	if lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) {
		z := ax
		if hy < 0 {
			z = 1 / z
		}
		if hx < 0 {
			if (ix-0x3ff00000)|yIsInt == 0 {
				z = math.NaN()
			} else if yIsInt == 1 {
				z = -z
			}
		}
		return z
	}

	s := 1.0
	if hx < 0 {
		if yIsInt == 0 {
			return math.NaN()
		}
		if yIsInt == 1 {
			s = -1
		}
	}

	var t1, t2 float64
	if iy > 0x41e00000 {
		// |y| above 2^31.
		if iy > 0x43f00000 {
			if ix <= 0x3fefffff {
				if hy < 0 {
					return math.Inf(1)
				}
				return 0
			}
			if ix >= 0x3ff00000 {
				if hy > 0 {
					return math.Inf(1)
				}
				return 0
			}
		}
		if ix < 0x3fefffff {
			if hy < 0 {
				return s * huge * huge
			}
			return s * tiny * tiny
		}
		if ix > 0x3ff00000 {
			if hy > 0 {
				return s * huge * huge
			}
			return s * tiny * tiny
		}
		// |1-x| is tiny: log(x) by x-x^2/2+x^3/3-x^4/4.
		t := ax - 1
		w := float64(float64(t*t) * (0.5 - float64(t*(0.3333333333333333333333-float64(t*0.25)))))
		u := float64(ivln2H * t)
		v := float64(t*ivln2L) - float64(w*ivln2)
		t1 = withLowWord(u+v, 0)
		t2 = v - (t1 - u)
	} else {
		n := int32(0)
		if ix < 0x00100000 {
			ax *= two53
			n -= 53
			ix = int32(highWord(ax))
		}
		n += ix>>20 - 0x3ff
		j := ix & 0x000fffff
		k := 0
		ix = j | 0x3ff00000
		if j <= 0x3988e {
			k = 0
		} else if j < 0xbb67a {
			k = 1
		} else {
			k = 0
			n++
			ix -= 0x00100000
		}
		ax = withHighWord(ax, uint32(ix))

		// ss = s_h+s_l = (x-1)/(x+1) or (x-1.5)/(x+1.5)
		u := ax - bp[k]
		v := 1 / (ax + bp[k])
		ss := float64(u * v)
		sH := withLowWord(ss, 0)
		tH := withHighWord(0, (uint32(ix)>>1|0x20000000)+0x00080000+uint32(k)<<18)
		tL := ax - (tH - bp[k])
		sL := float64(v * ((u - float64(sH*tH)) - float64(sH*tL)))

		// log(ax)
		s2 := float64(ss * ss)
		r := float64(float64(s2*s2) * (l1 + float64(s2*(l2+float64(s2*(l3+float64(s2*(l4+float64(s2*(l5+float64(s2*l6)))))))))))
		r += float64(sL * (sH + ss))
		s2 = float64(sH * sH)
		tH = withLowWord(3+s2+r, 0)
		tL = r - ((tH - 3) - s2)

		u = float64(sH * tH)
		v = float64(sL*tH) + float64(tL*ss)

		pH := withLowWord(u+v, 0)
		pL := v - (pH - u)
		zH := float64(cpH * pH)
		zL := float64(cpL*pH) + float64(pL*cp) + dpL[k]

		t := float64(n)
		t1 = withLowWord(((zH+zL)+dpH[k])+t, 0)
		t2 = zL - (((t1 - t) - dpH[k]) - zH)
	}

	// (y1+y2)*(t1+t2) with y split.
	y1 := withLowWord(y, 0)
	pL := float64((y-y1)*t1) + float64(y*t2)
	pH := float64(y1 * t1)
	z := pL + pH
	j := int32(math.Float64bits(z) >> 32)
	i := int32(math.Float64bits(z))
	if j >= 0x40900000 {
		if (j-0x40900000)|i != 0 {
			return s * huge * huge
		}
		if pL+ovt > z-pH {
			return s * huge * huge
		}
	} else if j&0x7fffffff >= 0x4090cc00 {
		if (uint32(j)-0xc090cc00)|uint32(i) != 0 {
			return s * tiny * tiny
		}
		if pL <= z-pH {
			return s * tiny * tiny
		}
	}

	// 2^(pH+pL)
	i = j & 0x7fffffff
	k := i>>20 - 0x3ff
	n := int32(0)
	if i > 0x3fe00000 {
		n = j + 0x00100000>>(k+1)
		k = (n&0x7fffffff)>>20 - 0x3ff
		t := withHighWord(0, uint32(n&^(0x000fffff>>k)))
		n = (n&0x000fffff | 0x00100000) >> (20 - k)
		if j < 0 {
			n = -n
		}
		pH -= t
	}
	t := withLowWord(pL+pH, 0)
	u := float64(t * lg2H)
	v := float64((pL-(t-pH))*lg2) + float64(t*lg2L)
	z = u + v
	w := v - (z - u)
	t = float64(z * z)
	t1 = z - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	r := float64(z*t1)/(t1-2) - (w + float64(z*w))
	z = 1 - (r - z)
	j = int32(highWord(z))
	j += n << 20
	if j>>20 <= 0 {
		// A subnormal result: unreachable from drawDurations, whose
		// results lie in (0, 1].
		z = math.Ldexp(z, int(n))
	} else {
		z = withHighWord(z, uint32(j))
	}
	return s * z
}

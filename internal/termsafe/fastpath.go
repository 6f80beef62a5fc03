package termsafe

// cleanSGREnd returns the end of the SGR sequence at s[i] when s[i:] starts
// with one that ANSI keeps unchanged (ESC [, plain numbers separated by ';',
// no stand-alone 8, only complete 38/48/58 colours, numbers up to 255, then
// 'm'), or -1. It is a single-pass fast path for the SGR-dense output of
// Glamour; anything it does not accept goes through lex and filterSGR, which
// give the same answer for the sequences it accepts.
func cleanSGREnd(s string, i int) int {
	j := i + 2
	if j > len(s) || s[i] != 0x1b || s[i+1] != '[' {
		return -1
	}
	const (
		normal = iota // next parameter stands alone
		mode          // after 38/48/58: the next parameter must be 5 or 2
		args          // inside a colour: need more plain numbers
	)
	state, need := normal, 0
	v, digits := 0, 0
	for ; j < len(s); j++ {
		c := s[j]
		if c >= '0' && c <= '9' {
			v = v*10 + int(c-'0')
			digits++
			if v > maxSGRValue {
				return -1
			}
			continue
		}
		if c != ';' && c != 'm' {
			return -1
		}
		// End of a parameter with value v (empty when digits == 0).
		switch state {
		case normal:
			if digits > 0 {
				switch v {
				case 8:
					return -1
				case 38, 48, 58:
					state = mode
				}
			}
		case mode:
			switch {
			case digits == 0:
				return -1
			case v == 5:
				state, need = args, 1
			case v == 2:
				state, need = args, 3
			default:
				return -1
			}
		case args:
			if digits == 0 {
				return -1
			}
			if need--; need == 0 {
				state = normal
			}
		}
		if c == 'm' {
			if state != normal {
				return -1
			}
			return j + 1
		}
		v, digits = 0, 0
	}
	return -1
}

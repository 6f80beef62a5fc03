package termsafe

import "strings"

// maxSGRValue is the largest number accepted in an SGR parameter. No SGR
// attribute, colour index or colour component is larger; bigger numbers are
// refused because terminals disagree on how to handle them (some wrap around
// on overflow, which could turn them into 8).
const maxSGRValue = 255

// sgrParam is one ';'-separated parameter of an SGR sequence.
type sgrParam struct {
	s     string
	plain bool // digits only (possibly empty), no ':' sub-parameters
	value int  // value of the first field (0 if empty); for plain, the whole value
}

// filterSGR applies the conceal rule to the parameter string p of an SGR
// sequence (ESC [ p m), where p contains only digits, ';' and ':'.
//
// It drops every stand-alone conceal attribute (8, also written 08 or as 8:…),
// keeps the indexed and direct colour forms 38;5;N and 38;2;R;G;B (and 48, 58)
// whose values may be 8, drops a 38, 48 or 58 that does not start one of those
// forms together with every parameter after it, and keeps a ':' parameter only when its first field is 4, 38, 48 or
// 58 and none of its fields is 8 (a terminal that reads ':' as ';' would
// otherwise see a conceal). keep is false when the whole sequence must go: a
// number above maxSGRValue, or every parameter dropped. out == p when nothing
// changed.
func filterSGR(p string) (out string, keep bool) {
	if p == "" {
		return p, true // ESC[m: reset
	}
	var buf [16]sgrParam
	params := buf[:0]
	for rest := p; ; {
		field, tail, more := strings.Cut(rest, ";")
		q, ok := parseSGRParam(field)
		if !ok {
			return "", false
		}
		params = append(params, q)
		if !more {
			break
		}
		rest = tail
	}

	var keepBuf [16]bool
	kept := keepBuf[:0]
	dropped := 0
	for i := 0; i < len(params); {
		q := params[i]
		n := 1 // parameters in this group
		ok := true
		switch {
		case !q.plain:
			ok = q.value == 4 || q.value == 38 || q.value == 48 || q.value == 58
			if ok {
				ok = !hasField8(q.s)
			}
		case q.s != "" && (q.value == 38 || q.value == 48 || q.value == 58):
			n = colourArgs(params[i+1:]) + 1
			if ok = n > 1; !ok {
				// Terminals disagree on how much of the rest a malformed
				// colour consumes, so drop it and everything after it.
				n = len(params) - i
			}
		case q.s != "" && q.value == 8:
			ok = false
		}
		for range n {
			kept = append(kept, ok)
		}
		if !ok {
			dropped++
		}
		i += n
	}
	if dropped == 0 {
		return p, true
	}
	var b strings.Builder
	b.Grow(len(p))
	first := true
	for i, q := range params {
		if !kept[i] {
			continue
		}
		if !first {
			b.WriteByte(';')
		}
		first = false
		b.WriteString(q.s)
	}
	if first {
		return "", false // nothing left: drop the whole sequence, do not reset
	}
	return b.String(), true
}

// colourArgs returns how many of the parameters in args complete an extended
// colour introduced by 38, 48 or 58: 2 for 5;N, 4 for 2;R;G;B, or 0 when args
// do not start one of those forms with plain, non-empty numbers.
func colourArgs(args []sgrParam) int {
	if len(args) == 0 || !args[0].plain || args[0].s == "" {
		return 0
	}
	var n int
	switch args[0].value {
	case 5:
		n = 2
	case 2:
		n = 4
	default:
		return 0
	}
	if len(args) < n {
		return 0
	}
	for _, a := range args[1:n] {
		if !a.plain || a.s == "" {
			return 0
		}
	}
	return n
}

// parseSGRParam parses one parameter. ok is false when a number in it is
// larger than maxSGRValue.
func parseSGRParam(f string) (q sgrParam, ok bool) {
	q = sgrParam{s: f, plain: true}
	v, first := 0, true
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == ':' {
			if first {
				q.value = v
			}
			q.plain, first, v = false, false, 0
			continue
		}
		v = v*10 + int(c-'0')
		if v > maxSGRValue {
			return q, false
		}
	}
	if first {
		q.value = v
	}
	return q, true
}

// hasField8 reports whether any ':'-separated field of f has the value 8.
func hasField8(f string) bool {
	for f != "" {
		field, rest, _ := strings.Cut(f, ":")
		v := 0
		for i := 0; i < len(field); i++ {
			v = v*10 + int(field[i]-'0')
		}
		if field != "" && v == 8 {
			return true
		}
		f = rest
	}
	return false
}

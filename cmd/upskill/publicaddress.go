package main

import (
	"errors"
	"net"
	"strconv"
	"strings"
)

// checkPublicAddress checks what staff type to reach the server: a host
// name or address, with an optional port (HOST, HOST:PORT or
// [IPv6]:PORT). Empty is allowed: the server then names the address each
// connection reached.
func checkPublicAddress(addr string) error {
	if addr == "" {
		return nil
	}
	host := addr
	if h, p, err := net.SplitHostPort(addr); err == nil {
		n, perr := strconv.Atoi(p)
		if perr != nil || n < 1 || n > 65535 {
			return errors.New("the port must be a number from 1 to 65535, as in learn.example-council.gov.uk:2222")
		}
		host = h
	}
	if host == "" || len(host) > 253 || strings.ContainsFunc(host, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:", r))
	}) {
		return errors.New("give a host name or address, and a port if it is not 22, as in learn.example-council.gov.uk:2222")
	}
	return nil
}

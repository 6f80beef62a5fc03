package xapi

import (
	"errors"
	"net/url"
)

// parseURL parses an absolute http or https address with a host.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, errors.New("not an http or https address")
	}
	return u, nil
}

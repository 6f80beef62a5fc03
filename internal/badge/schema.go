package badge

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// achievementSchema is 1EdTech's JSON Schema of an AchievementCredential
// (Open Badges 3.0, VC Data Model 2.0), shipped under the licence in
// schema/LICENSE-1EdTech.md.
//
//go:embed schema/ob_v3p0_achievementcredential_schema.json
var achievementSchema []byte

const schemaURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json"

// printer words schema errors in English.
var printer = message.NewPrinter(language.English)

// compiled is the schema, compiled once.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(achievementSchema))
	if err != nil {
		return nil, fmt.Errorf("the embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("the embedded schema: %w", err)
	}
	return c.Compile(schemaURL)
})

// CheckSchema checks a credential (JSON) against the Open Badges 3.0
// AchievementCredential schema, and says what is wrong in a few lines.
func CheckSchema(data []byte) error {
	s, err := compiled()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	err = s.Validate(inst)
	var verr *jsonschema.ValidationError
	if errors.As(err, &verr) {
		var lines []string
		for _, leaf := range leaves(verr) {
			where := "/" + strings.Join(leaf.InstanceLocation, "/")
			lines = append(lines, fmt.Sprintf("at %s: %s", where, leaf.ErrorKind.LocalizedString(printer)))
			if len(lines) == 5 {
				break
			}
		}
		return fmt.Errorf("it does not follow the Open Badges 3.0 schema: %s", strings.Join(lines, "; "))
	}
	return err
}

// leaves are the innermost causes of a validation error.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

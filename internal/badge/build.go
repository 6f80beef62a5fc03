package badge

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/lessons"
)

// Award is one badge a learner earned, with what the credential says of
// them.
type Award struct {
	Pack   *lessons.Pack
	Badge  lessons.Badge
	Earned time.Time
	// ValidUntil is when the achievement lapses (a required module's
	// renewal); zero when it never does.
	ValidUntil time.Time
	// LearnerUID is the learner's stable id in Upskill (a UUID).
	LearnerUID string
	// Name is the learner's name; Email their address, or empty when
	// not known (Upskill does not store email addresses).
	Name  string
	Email string
}

// credentialNamespace makes credential ids: the same award from the same
// issuer always has the same id.
var credentialNamespace = uuid.MustParse("6f2d9a4e-3b1c-5e8f-9a7d-2c4b6e8f0a1d")

// AchievementID is the stable id of a pack's badge: the issuer's web
// address, then the pack and badge ids.
func AchievementID(issuerURL, pack, badge string) string {
	return strings.TrimSuffix(issuerURL, "/") + "/upskill/achievements/" + url.PathEscape(pack) + "/" + url.PathEscape(badge)
}

// Build makes the unsigned credential for an award.
func Build(is *badgeissuer.Issuer, a Award) (Credential, error) {
	if a.Pack == nil || a.Badge.ID == "" || a.Earned.IsZero() || a.LearnerUID == "" {
		return Credential{}, errors.New("build a credential: the award lacks its pack, badge, date or learner")
	}
	p := is.Profile
	achievement := AchievementID(p.URL, a.Pack.ID, a.Badge.ID)
	identity, err := identify(p.Identify, a.Name, a.Email)
	if err != nil {
		return Credential{}, err
	}
	c := Credential{
		Context:   Contexts,
		ID:        "urn:uuid:" + uuid.NewSHA1(credentialNamespace, []byte(achievement+"\x00"+a.LearnerUID)).String(),
		Type:      CredentialTypes,
		Issuer:    Profile{ID: is.ID(), Type: []string{"Profile"}, Name: p.Name, URL: p.URL, Email: p.Email},
		ValidFrom: timestamp(a.Earned),
		Name:      a.Badge.Title,
		CredentialSubject: Subject{
			ID:         "urn:uuid:" + a.LearnerUID,
			Type:       []string{"AchievementSubject"},
			Identifier: []IdentityObject{identity},
			Achievement: Achievement{
				ID:              achievement,
				Type:            []string{"Achievement"},
				AchievementType: "Badge",
				Name:            a.Badge.Title,
				Description:     a.Badge.Description,
				Criteria:        Criteria{Narrative: Narrative(a.Pack, a.Badge)},
				Image:           &Image{ID: ImageDataURL(a.Badge.Title), Type: "Image", Caption: a.Badge.Title},
			},
		},
	}
	if !a.ValidUntil.IsZero() {
		c.ValidUntil = timestamp(a.ValidUntil)
	}
	return c, nil
}

// Narrative is the criteria in words, from the badge's rule.
func Narrative(pack *lessons.Pack, b lessons.Badge) string {
	return learner.Requirement(pack, b.Rule) + ", in the " + pack.Title + " course on Upskill."
}

// identify is the learner's IdentityObject: a salted SHA-256 of their
// email address when the council chose email and one is known, else
// their name.
func identify(how badgeissuer.Identify, name, email string) (IdentityObject, error) {
	if how == badgeissuer.IdentifyEmail && email != "" {
		salt := make([]byte, 16)
		if _, err := rand.Read(salt); err != nil {
			return IdentityObject{}, err
		}
		s := hex.EncodeToString(salt)
		return IdentityObject{Type: "IdentityObject", IdentityType: "emailAddress", Hashed: true, Salt: s,
			IdentityHash: HashIdentity(email, s)}, nil
	}
	if strings.TrimSpace(name) == "" {
		return IdentityObject{}, errors.New("build a credential: the learner has no name")
	}
	return IdentityObject{Type: "IdentityObject", IdentityType: "name", Hashed: false, IdentityHash: name}, nil
}

// HashIdentity is an identity's salted hash as Open Badges writes it:
// "sha256$" and the hex SHA-256 of the identity (an email address in
// lower case) followed by the salt. An employer checks an address by
// hashing it with the credential's salt.
func HashIdentity(identity, salt string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(identity)) + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}

// timestamp is a time as credentials write it: UTC, to the second.
func timestamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

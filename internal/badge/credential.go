// Package badge turns the badges learners earn in Upskill into Open
// Badges 3.0 credentials (OpenBadgeCredential, a W3C Verifiable
// Credential), signs them with an eddsa-rdfc-2022 Data Integrity proof or
// as a VC-JWT, and verifies credentials of either form offline: proof or
// signature, issuer key (retired keys too), dates, and structure against
// the Open Badges 3.0 JSON Schema embedded in schema/ with its licence.
package badge

import (
	"github.com/upskill-council/upskill/internal/badge/ld"
)

// Contexts are the JSON-LD contexts of every credential, in order: VC
// Data Model 2.0 and Open Badges 3.0.3.
var Contexts = []string{ld.CredentialsV2, ld.OpenBadges303}

// CredentialTypes are the types of every credential.
var CredentialTypes = []string{"VerifiableCredential", "OpenBadgeCredential"}

// Credential is an OpenBadgeCredential as Upskill writes it.
type Credential struct {
	Context           []string `json:"@context"`
	ID                string   `json:"id"`
	Type              []string `json:"type"`
	Issuer            Profile  `json:"issuer"`
	ValidFrom         string   `json:"validFrom"`
	ValidUntil        string   `json:"validUntil,omitempty"`
	Name              string   `json:"name"`
	CredentialSubject Subject  `json:"credentialSubject"`
	// Proof holds one eddsa-rdfc-2022 proof; the Open Badges schema
	// wants a list.
	Proof []Proof `json:"proof,omitempty"`
}

// Profile is the issuer: the council.
type Profile struct {
	ID    string   `json:"id"`
	Type  []string `json:"type"`
	Name  string   `json:"name"`
	URL   string   `json:"url,omitempty"`
	Email string   `json:"email,omitempty"`
}

// Subject is who earned the achievement.
type Subject struct {
	// ID is a pseudonymous URN of the learner (their stable id in
	// Upskill, never their name or email address).
	ID          string           `json:"id,omitempty"`
	Type        []string         `json:"type"`
	Identifier  []IdentityObject `json:"identifier,omitempty"`
	Achievement Achievement      `json:"achievement"`
}

// IdentityObject identifies the learner: a salted hash of their email
// address, or their name.
type IdentityObject struct {
	Type         string `json:"type"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Hashed       bool   `json:"hashed"`
	Salt         string `json:"salt,omitempty"`
}

// Achievement is the badge: what it is and what earns it.
type Achievement struct {
	ID              string   `json:"id"`
	Type            []string `json:"type"`
	AchievementType string   `json:"achievementType"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	Criteria        Criteria `json:"criteria"`
	Image           *Image   `json:"image,omitempty"`
}

// Criteria says in words what earns the achievement.
type Criteria struct {
	Narrative string `json:"narrative"`
}

// Image is the badge's picture, here an SVG data: URL.
type Image struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Caption string `json:"caption,omitempty"`
}

// Proof is an eddsa-rdfc-2022 Data Integrity proof.
type Proof struct {
	Type               string `json:"type"`
	Cryptosuite        string `json:"cryptosuite"`
	Created            string `json:"created"`
	VerificationMethod string `json:"verificationMethod"`
	ProofPurpose       string `json:"proofPurpose"`
	ProofValue         string `json:"proofValue,omitempty"`
}

// The Data Integrity proof Upskill makes and checks.
const (
	ProofType    = "DataIntegrityProof"
	Cryptosuite  = "eddsa-rdfc-2022"
	ProofPurpose = "assertionMethod"
)

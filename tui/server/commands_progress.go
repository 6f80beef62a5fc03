package server

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/reports"
	"github.com/upskill-council/upskill/progress"
)

// progressCmd is `progress [--json] [--team T]`: admins and trainers see
// every learner (or one team's); managers see their own team only.
func (c *commandEnv) progressCmd() *cobra.Command {
	var asJSON bool
	var team string
	cmd := &cobra.Command{
		Use: "progress [--json] [--team TEAM]", Short: "Learners' progress (managers: their own team)",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			team, err := c.progressTeam(team, cmd.Flags().Changed("team"))
			if err != nil {
				return err
			}
			profiles, err := c.srv.cfg.Store.Profiles()
			if err != nil {
				return err
			}
			if team != nil {
				profiles = inTeam(profiles, *team)
			}
			report := learner.NewProgressReport()
			if report.Learners, err = reports.Learners(c.srv.cfg.Catalog, profiles, c.srv.now()); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), report)
			}
			if len(report.Learners) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "No learners here yet.")
			}
			for i, r := range report.Learners {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				if err := r.WriteText(cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON report (docs/progress-json.md)")
	cmd.Flags().StringVar(&team, "team", "", "only the learners of `TEAM`")
	return cmd
}

// progressTeam is the team whose progress the caller sees: nil for
// everyone. A manager sees only their own team, and asking for another is
// refused.
func (c *commandEnv) progressTeam(asked string, given bool) (*string, error) {
	switch c.access() {
	case progress.AccessAdmin, progress.AccessTrainer:
		if !given {
			return nil, nil
		}
		return &asked, nil
	case progress.AccessManager:
		own := c.caller.Team
		if own == "" {
			return nil, fmt.Errorf("progress: %w: you have no team; ask an admin to set it", ErrCommandNotAllowed)
		}
		if given && !strings.EqualFold(strings.TrimSpace(asked), own) {
			return nil, fmt.Errorf("progress of team %q: %w: managers see their own team (%s)", asked, ErrCommandNotAllowed, own)
		}
		return &own, nil
	}
	return nil, c.require("progress", progress.AccessAdmin, progress.AccessTrainer, progress.AccessManager)
}

// inTeam keeps the learners of team (in any case).
func inTeam(all []progress.Profile, team string) []progress.Profile {
	var out []progress.Profile
	for _, p := range all {
		if strings.EqualFold(p.Team, strings.TrimSpace(team)) {
			out = append(out, p)
		}
	}
	return out
}

// backupCmd is `backup > upskill.db`, for admins: a consistent copy of the
// progress file, made inside one read transaction while the server runs.
func (c *commandEnv) backupCmd() *cobra.Command {
	return &cobra.Command{
		Use: "backup > upskill.db", Short: "Write a consistent copy of the progress file to standard output (admins)",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.require("backup", progress.AccessAdmin); err != nil {
				return err
			}
			return c.srv.cfg.Store.Backup(cmd.OutOrStdout())
		},
	}
}

package server

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/trainingreport"
	"github.com/upskill-council/upskill/progress"
)

// reportCmd is `report [--team T] [--role R] [--as-of DATE] [--format
// F] [--questions]`: admins and trainers report on every learner (or one
// team's); managers on their own team only; learners not at all. The
// report goes to standard output: `ssh HOST report --format html >
// report.html`.
func (c *commandEnv) reportCmd() *cobra.Command {
	var team, role, asOf, format string
	var questions bool
	cmd := &cobra.Command{
		Use:   "report [--team T] [--role R] [--as-of DATE] [--format table|csv|json|html] [--questions]",
		Short: "Required training by team, learners' standing and questions to rewrite (managers: their own team)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scope, err := c.reportTeam(team, cmd.Flags().Changed("team"))
			if err != nil {
				return err
			}
			if err := trainingreport.CheckFormat(format); err != nil {
				return err
			}
			now := c.srv.now()
			at, err := trainingreport.ParseAsOf(asOf, now.Location(), now)
			if err != nil {
				return err
			}
			r, err := trainingreport.Build(c.srv.cfg.Catalog, trainingreport.Options{Team: scope, Role: role, AsOf: at, Generated: now,
				NoQuestions: !trainingreport.NeedsQuestions(format, questions)})
			if err != nil {
				return err
			}
			return trainingreport.Render(cmd.OutOrStdout(), r, format, questions)
		},
	}
	cmd.Flags().StringVar(&team, "team", "", "only the learners of `TEAM` (managers: their own)")
	cmd.Flags().StringVar(&role, "role", "", "only the learners with learning role `ROLE`")
	cmd.Flags().StringVar(&asOf, "as-of", "", "report as at the end of `DATE` (YYYY-MM-DD; default now)")
	cmd.Flags().StringVar(&format, "format", "table", "`FORMAT`: table, csv, json or html")
	cmd.Flags().BoolVar(&questions, "questions", false, "with --format csv, the question analysis instead of the learners")
	return cmd
}

// reportTeam is the team a caller's report covers: "" for everyone. A
// manager's report is always their own team's, and asking for another is
// refused.
func (c *commandEnv) reportTeam(asked string, given bool) (string, error) {
	switch c.access() {
	case progress.AccessAdmin, progress.AccessTrainer:
		return strings.TrimSpace(asked), nil
	case progress.AccessManager:
		own := c.caller.Team
		if own == "" {
			return "", fmt.Errorf("report: %w: you have no team; ask an admin to set it", ErrCommandNotAllowed)
		}
		if given && !strings.EqualFold(strings.TrimSpace(asked), own) {
			return "", fmt.Errorf("report on team %q: %w: managers see their own team (%s)", asked, ErrCommandNotAllowed, own)
		}
		return own, nil
	}
	return "", c.require("report", progress.AccessAdmin, progress.AccessTrainer, progress.AccessManager)
}

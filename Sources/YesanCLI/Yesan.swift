import ArgumentParser
import YesanCore

/// `yesan`: Monte Carlo simulation and forecasting of public job-program budgets.
@main
struct Yesan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yesan",
        abstract: "일자리사업 예산 시뮬레이션 · Monte Carlo budgets of public job programs.",
        discussion: """
            yesan simulates and forecasts the budgets of a city's job programs (국비 · 도비 · 시비 · 기금)
            over a multi-year horizon, with uncertainty, from a YAML scenario file.

              yesan run Scenarios/goyang-2025-absorb35.yaml     simulate; per-year table and targets
              yesan compare A.yaml B.yaml C.yaml                scenarios side by side, differences from A
              yesan validate Scenarios/*.yaml                   check files, every problem at once
              yesan forecast history.csv                        trends with prediction intervals
              yesan dist beta --mean 0.92 --sd 0.03             what a distribution means

            Exit status: 0 ok, 64 usage, 65 invalid scenario or data, 66 unreadable input,
            70 internal error, 73 output not writable.
            """,
        version: yesanVersion,
        subcommands: [RunCommand.self, CompareCommand.self, ValidateCommand.self, DistCommand.self, ForecastCommand.self]
    )
}

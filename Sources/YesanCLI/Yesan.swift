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
            The scenario commands (run, compare, validate, forecast, ...) arrive in later releases;
            this build provides the numeric foundation: `yesan dist` shows what a distribution means.
            """,
        version: yesanVersion,
        subcommands: [RunCommand.self, ValidateCommand.self, DistCommand.self, ForecastCommand.self]
    )
}

/// The version of the yesan library and tool, reported by `yesan --version` and in every manifest.
public let yesanVersion = "0.2.0"

/// Every Dockerfile rule, in the order the README lists them. Adding a rule means adding
/// its file under `Rules/` and one line here.
enum RuleRegistry {
    static let rules: [any DockerfileRule.Type] = [
        // What BuildKit's parser rejects or warns about.
        DockerfileSyntaxRule.self,
        UnknownInstructionRule.self,
        NoEmptyContinuationRule.self,
        ExecFormInvalidJSONRule.self,
        // hadolint's rules, by ID.
        AbsoluteWorkdirRule.self,
        RootUserRule.self,
        CdInRunRule.self,
        SudoRule.self,
        UntaggedImageRule.self,
        LatestTagRule.self,
        AptPinRule.self,
        AptListsCleanupRule.self,
        PipPinRule.self,
        AptYesRule.self,
        AptNoRecommendsRule.self,
        AddForFilesRule.self,
        ShellFormCommandRule.self,
        PipCacheRule.self,
        CopyRelativeDestinationRule.self,
        ConsecutiveRunRule.self,
        InstructionOrderRule.self,
        MaintainerRule.self,
        MultipleCmdRule.self,
        MultipleEntrypointRule.self,
        PipefailRule.self,
        // BuildKit's checks, by name.
        UndefinedVarRule.self,
        UndefinedArgInFromRule.self,
        LegacyKeyValueFormatRule.self,
        WorkdirRelativePathRule.self,
        SecretsUsedInArgOrEnvRule.self,
        // verify's own: dated base images and the rest of the document.
        EndOfLifeBaseImageRule.self,
        AppObjectNotDefinedRule.self,
        RequirementsFromImportsRule.self,
    ]
}

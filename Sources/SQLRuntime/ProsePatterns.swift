/// Regular expressions for the claims prose makes about SQL. Written in extended syntax:
/// whitespace inside them is not matched, `\s` and `\ ` are.
///
/// Each is built once: a regex literal is parsed again every time it is evaluated, which
/// costs more than matching it against a paragraph. Matching a `Regex` from several
/// threads is safe (its compiled program is made once, atomically), though the type is
/// not marked `Sendable`.
enum Patterns {
    /// "returns 2 rows", "yields a single row".
    nonisolated(unsafe) static let rowCount: Regex<(Substring, Substring)> =
        #/
        \b (?: returns? | yields? | gives? | produces? | outputs? ) \s+ (?: exactly \s+ | only \s+ | just \s+ )?
        ( \d+ | no | one | two | three | four | five | six | seven | eight | nine | ten | a \s single )
        \s+ (?: rows? | records? ) \b
        /#.ignoresCase()

    /// "updates 2 rows", "deletes no rows".
    nonisolated(unsafe) static let changedCount: Regex<(Substring, Substring)> =
        #/
        \b (?: updates? | deletes? | inserts? | affects? | changes? | removes? ) \s+ (?: exactly \s+ | only \s+ )?
        ( \d+ | no | one | two | three | four | five | six | seven | eight | nine | ten | a \s single )
        \s+ (?: rows? | records? ) \b
        /#.ignoresCase()

    /// "the balance becomes 400", "the `status` of order 7 is now 'shipped'".
    nonisolated(unsafe) static let value: Regex<(Substring, Substring, Substring)> =
        #/
        \b the \s+ `? (\w+) `? (?: \s+ of \s+ [^.,;:]*? )?
        \s+ (?: becomes | is \s+ now | will \s+ be | changes \s+ to | is \s+ updated \s+ to | is \s+ set \s+ to | goes \s+ to )
        \s+ ( `[^`]+` | '[^']*' | -? \d+ (?: \.\d+ )? \b | NULL \b )
        /#.ignoresCase()

    /// "all or nothing", "both succeed or both fail", "is rolled back", "atomic".
    nonisolated(unsafe) static let transaction: Regex<Substring> =
        #/
        all [\-\ ] or [\-\ ] nothing
        | \b both \s+ (?: \w+ \s+ )? succeed \s+ or \s+ (?: both \s+ )? fail
        | \b (?: is | are | gets? | will \s+ be | was | were | be ) \s+ rolled \s+ back
        | \b rolls? \s+ back \b
        | \b atomic (?: ally )? \b
        /#.ignoresCase()

    /// "the second UPDATE", "the last statement".
    nonisolated(unsafe) static let ordinal: Regex<(Substring, Substring, Substring)> =
        #/
        \b ( first | second | third | fourth | fifth | last | \d+ (?: st | nd | rd | th ) )
        \s+ ( statement | update | insert | delete | query | write ) s? \b
        /#.ignoresCase()

    /// "uses the index `idx`", "uses the `idx` index", "uses an index", "uses the index by_name".
    nonisolated(unsafe) static let usesIndex: Regex<(Substring, Substring?, Substring?, Substring?)> =
        #/
        \b uses? \s+ (?: the \s+ | an \s+ | a \s+ )? (?: covering \s+ )? (?: `(\w+)` \s+ )? index \b
        (?: \s+ (?: `(\w+)` | (\w*_\w*) ) )?
        /#.ignoresCase()

    /// "does not use the index".
    nonisolated(unsafe) static let noIndex: Regex<Substring> =
        #/
        \b (?: does \s+ not | doesn't | won't | will \s+ not | cannot | can't | never )
        \s+ use \s+ (?: the \s+ | an \s+ | any \s+ )? (?: `\w+` \s+ )? index
        /#.ignoresCase()

    /// "a full table scan", "scans the whole table".
    nonisolated(unsafe) static let scan: Regex<Substring> =
        #/
        \b full \s+ (?: table \s+ )? scan | \b scans \s+ the \s+ (?: whole \s+ | entire \s+ )? table \b
        /#.ignoresCase()

    /// A code span of a paragraph, whose text keeps inline code in backticks.
    nonisolated(unsafe) static let codeSpan: Regex<(Substring, Substring)> = #/`([^`]+)`/#
}

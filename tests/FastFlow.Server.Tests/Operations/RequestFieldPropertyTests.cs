using CsCheck;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Requests;

namespace FastFlow.Server.Tests.Operations;

/// <summary>Request fields over many values: each is accepted exactly when it is valid, and a
/// refusal always names the field and what it takes.</summary>
public sealed class RequestFieldPropertyTests
{
    private static readonly string[] s_priorities = ["low", "normal", "medium", "high", "critical"];

    [Fact]
    public void A_priority_is_accepted_exactly_when_it_names_one_in_any_case()
    {
        var named = Gen.Int[0, s_priorities.Length - 1].Select(static i => s_priorities[i]).SelectMany(name => Gen.Bool.Array[name.Length].Select(upper =>
            new string([.. name.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)])));
        Gen.OneOf(named, Gen.String).Sample(text =>
        {
            var valid = s_priorities.Contains(text.ToLowerInvariant());
            try
            {
                var priority = PriorityNames.Parse(text);
                Assert.True(valid, $"'{text}' was taken as {priority}");
                Assert.Equal(text.ToLowerInvariant() == "medium" ? "normal" : text.ToLowerInvariant(), priority.ToWireName());
            }
            catch (RequestException refused)
            {
                Assert.False(valid, $"'{text}' was refused");
                Assert.Equal(ErrorCode.InvalidRequest, refused.Code);
                Assert.Contains("low, normal (or medium), high or critical", refused.Message);
                Assert.Equal("priority", Assert.Single(refused.Details!).Path);
            }
        });
    }

    [Fact]
    public void A_run_id_is_accepted_exactly_when_it_is_1_to_64_letters_digits_dots_underscores_or_dashes()
    {
        var plain = Gen.Char["abcXYZ019._-"].Array[1, 70].Select(static chars => new string(chars));
        Gen.OneOf(plain, Gen.String).Sample(text =>
        {
            var valid = text.Length is >= 1 and <= 64 && text.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
            try
            {
                Assert.Equal(text, RunLookup.Require(text));
                Assert.True(valid, $"'{text}' was taken as a run id");
            }
            catch (RequestException refused)
            {
                Assert.False(valid, $"'{text}' was refused");
                Assert.Equal(ErrorCode.InvalidRequest, refused.Code);
                Assert.Equal("run_id", Assert.Single(refused.Details!).Path);
            }
        });
    }

    [Fact]
    public async Task A_list_limit_is_accepted_exactly_from_0_to_10000()
    {
        await using var harness = DispatcherHarness.Create();
        var listing = new RunListing(harness.Engine, new RunLookup(harness.Engine));
        Gen.OneOf(Gen.Int, Gen.Int[-5, 10_005]).Sample(limit =>
        {
            try
            {
                Assert.Empty(listing.List(new ListRunsMessage { Limit = limit }).Runs);
                Assert.InRange(limit, 0, 10_000);
            }
            catch (RequestException refused)
            {
                Assert.True(limit is < 0 or > 10_000, $"limit {limit} was refused");
                Assert.Equal("limit", Assert.Single(refused.Details!).Path);
            }
        });
    }
}

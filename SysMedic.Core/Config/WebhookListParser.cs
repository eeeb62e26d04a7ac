using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>Reads <c>alerts.webhooks</c>: a list of <c>{url: ..., format: json|slack|discord}</c> (a bare URL means json).</summary>
internal static class WebhookListParser
{
    public const string Allowed = "a list of webhooks, e.g. [{url: \"https://example.com/hook\", format: slack}]";

    private const string FormatAllowed = "one of json, slack, discord";

    public static object? Parse(YamlNode node, string path, List<ValueProblem> problems)
    {
        if (ConfigValueKinds.IsNull(node))
        {
            return Array.Empty<WebhookTarget>();
        }

        if (node is not YamlSequenceNode seq)
        {
            problems.Add(new ValueProblem(node, path, $"{ConfigValueKinds.Describe(node)} is not {Allowed}"));
            return null;
        }

        var hooks = new List<WebhookTarget>();
        int before = problems.Count;
        for (int i = 0; i < seq.Children.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            switch (seq.Children[i])
            {
                case YamlScalarNode { Value: { } url } scalar:
                    AddIfUrl(hooks, problems, scalar, itemPath + ".url", url, WebhookFormat.Json);
                    break;
                case YamlMappingNode map:
                    ParseMapping(map, itemPath, hooks, problems);
                    break;
                default:
                    problems.Add(new ValueProblem(seq.Children[i], itemPath, $"{ConfigValueKinds.Describe(seq.Children[i])} is not a webhook ({{url: ..., format: ...}})"));
                    break;
            }
        }

        return problems.Count == before ? hooks : null;
    }

    private static void ParseMapping(YamlMappingNode map, string path, List<WebhookTarget> hooks, List<ValueProblem> problems)
    {
        YamlScalarNode? url = null;
        var format = WebhookFormat.Json;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key == "url" && valueNode is YamlScalarNode u)
            {
                url = u;
            }
            else if (key == "format")
            {
                var parsed = valueNode is YamlScalarNode { Value: { } f } ? ParseFormat(f) : null;
                if (parsed is null)
                {
                    problems.Add(new ValueProblem(valueNode, path + ".format", $"{ConfigValueKinds.Describe(valueNode)} is not {FormatAllowed}"));
                }

                format = parsed ?? format;
            }
            else
            {
                string hint = ConfigKeySuggester.Hint(key, ["url", "format"]);
                problems.Add(new ValueProblem(keyNode, $"{path}.{key}", "unknown webhook field; expected url and format" + hint));
            }
        }

        if (url is null)
        {
            problems.Add(new ValueProblem(map, path + ".url", "missing; a webhook needs a url"));
            return;
        }

        AddIfUrl(hooks, problems, url, path + ".url", url.Value ?? "", format);
    }

    private static void AddIfUrl(List<WebhookTarget> hooks, List<ValueProblem> problems, YamlNode node, string path, string url, WebhookFormat format)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            hooks.Add(new WebhookTarget(url, format));
        }
        else
        {
            problems.Add(new ValueProblem(node, path, $"{ConfigYamlText.DoubleQuoted(url)} is not an http:// or https:// URL"));
        }
    }

    private static WebhookFormat? ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "json" => WebhookFormat.Json,
        "slack" => WebhookFormat.Slack,
        "discord" => WebhookFormat.Discord,
        _ => null,
    };
}

using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Benchmarks;

/// <summary>The three cases of ../shared/reference/perf-baseline.md and a tool-call answer, built deterministically.</summary>
public static class Payloads
{
    /// <summary>(a) A short answer, about 720 bytes of JSON.</summary>
    public static byte[] ShortAnswer { get; } = Completion("Paris is the capital of France. It has been the country's political and cultural centre for centuries, and it is home to the Louvre, the Eiffel Tower and Notre-Dame.");

    /// <summary>(b) A long answer: 16 KB of markdown-like content with \n and \" escapes.</summary>
    public static byte[] LongAnswer { get; } = Completion(Markdown(16 * 1024));

    /// <summary>(c) A stream: 500 content chunks, a usage chunk with meta.usage, and [DONE].</summary>
    public static byte[] Stream { get; } = Concat(StreamEvents(500));

    /// <summary>(d) A tool-call answer: two function calls with JSON arguments and Gemini's thought signature, no content.</summary>
    public static byte[] ToolCallAnswer { get; } = BuildToolCallAnswer();

    public static byte[] Completion(string content)
    {
        var json = new JObject
        {
            ["id"] = "chatcmpl-CQ9FPg3osank0dx0k46Z53LTqtXMl",
            ["object"] = "chat.completion",
            ["created"] = 1762343744,
            ["model"] = "google/gemini-2.5-flash",
            ["choices"] = new JArray(new JObject
            {
                ["index"] = 0,
                ["finish_reason"] = "stop",
                ["logprobs"] = null,
                ["message"] = new JObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
            }),
            ["usage"] = new JObject
            {
                ["prompt_tokens"] = 137,
                ["completion_tokens"] = 914,
                ["total_tokens"] = 1051,
                ["completion_tokens_details"] = new JObject { ["reasoning_tokens"] = 771 },
            },
            ["meta"] = new JObject { ["usage"] = new JObject { ["credits_used"] = 120000, ["usd_spent"] = 0.06 } },
        };
        return Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));
    }

    public static string Markdown(int length)
    {
        var text = new StringBuilder();
        var section = 1;
        while (text.Length < length)
        {
            text.Append("## Section ").Append(section++).Append("\n\n")
                .Append("Here is a \"quoted\" phrase, some `code`, and a list:\n")
                .Append("- first item with **bold** text\n- second item, with a path C:\\\\temp\\\\file.txt\n\n");
        }

        return text.ToString(0, length);
    }

    /// <summary>The events of a stream, each "data: ...\n\n": the content chunks, a usage chunk, and [DONE].</summary>
    public static byte[][] StreamEvents(int chunks)
    {
        var events = new byte[chunks + 2][];
        for (var i = 0; i < chunks; i++)
        {
            var chunk = new JObject
            {
                ["id"] = "chatcmpl-stream",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1762343744,
                ["model"] = "google/gemini-2.5-flash",
                ["choices"] = new JArray(new JObject
                {
                    ["index"] = 0,
                    ["delta"] = i == 0 ? new JObject { ["role"] = "assistant", ["content"] = "Token " } : new JObject { ["content"] = $"piece {i} of the \"answer\"\n" },
                    ["finish_reason"] = i == chunks - 1 ? "stop" : null,
                }),
            };
            events[i] = Event(chunk.ToString(Newtonsoft.Json.Formatting.None));
        }

        var usage = new JObject
        {
            ["id"] = "chatcmpl-stream",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1762343744,
            ["model"] = "google/gemini-2.5-flash",
            ["choices"] = new JArray(),
            ["usage"] = new JObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 1500, ["total_tokens"] = 1512, ["completion_tokens_details"] = new JObject { ["reasoning_tokens"] = 400 } },
            ["meta"] = new JObject { ["usage"] = new JObject { ["credits_used"] = 50000, ["usd_spent"] = 0.0037 } },
        };
        events[chunks] = Event(usage.ToString(Newtonsoft.Json.Formatting.None));
        events[chunks + 1] = Event("[DONE]");
        return events;
    }

    private static byte[] Event(string data) => Encoding.UTF8.GetBytes("data: " + data + "\n\n");

    private static byte[] Concat(byte[][] events)
    {
        var all = new byte[events.Sum(e => e.Length)];
        var offset = 0;
        foreach (var e in events)
        {
            e.CopyTo(all, offset);
            offset += e.Length;
        }

        return all;
    }

    private static byte[] BuildToolCallAnswer()
    {
        static JObject Call(string id, string name, JObject arguments, string signature) => new()
        {
            ["id"] = id,
            ["type"] = "function",
            ["function"] = new JObject { ["name"] = name, ["arguments"] = arguments.ToString(Newtonsoft.Json.Formatting.None) },
            ["extra_content"] = new JObject { ["google"] = new JObject { ["thought_signature"] = signature } },
        };

        var json = JObject.Parse(Encoding.UTF8.GetString(Completion(string.Empty)));
        var choice = (JObject)json["choices"]![0]!;
        choice["finish_reason"] = "tool_calls";
        choice["message"] = new JObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JArray(
                Call("function-call-1", "get_weather", new JObject { ["city"] = "Paris", ["unit"] = "celsius", ["days"] = 3 }, new string('A', 300)),
                Call("function-call-2", "get_time", new JObject { ["timezone"] = "Europe/Paris", ["format"] = "iso8601" }, new string('B', 300))),
        };
        return Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));
    }
}

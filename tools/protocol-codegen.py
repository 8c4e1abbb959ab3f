#!/usr/bin/env python3
"""Generates the message classes of src/FastFlow.Protocol/Messages from the table below.

The table is the single source of the wire layout: every payload is a MessagePack map whose keys
are the snake_case names here, written in this order, every field present (nil when absent).
Readers accept the keys in any order, skip unknown keys and default missing ones.
Run: python3 tools/protocol-codegen.py  (then build; the generated files are committed). It also
writes the message and record tables of docs/protocol.md, between their markers.
"""
import os, re

# type codes: str (required string), str? , i32, i64, i64?, bool, time? , map? (plain map), any (plain value),
# <Nested>? / <Nested> (a nested record below), list<Nested>
NESTED = [
    ("ErrorInfo", "A task's or run's error: its category (DESIGN §3 error categories) and message.", [
        ("category", "str", "The error category: transient, timeout, validation, permission, not_found, capacity, fatal, cancelled."),
        ("message", "str", "What went wrong."),
    ]),
    ("Diagnostic", "One finding of definition validation.", [
        ("code", "str", "The stable diagnostic code, such as FF1003."),
        ("severity", "str", "error, warning or info."),
        ("path", "str", "Where in the definition, such as tasks[2].depends_on[0]."),
        ("message", "str", "What is wrong."),
        ("hint", "str?", "How to fix it, when known."),
        ("line", "i32", "1-based line in the source, 0 when unknown."),
        ("column", "i32", "1-based column in the source, 0 when unknown."),
    ]),
    ("TaskState", "One task of a run, as of the reply.", [
        ("id", "str", "The task id."),
        ("status", "str", "pending, ready, running, completed, failed, skipped, cancelled, waiting, retrying, compensated."),
        ("attempts", "i32", "Attempts started so far."),
        ("output", "any", "The task's output, a plain value."),
        ("error", "ErrorInfo?", "The last failure, or nil."),
        ("started_at", "time?", "When its first attempt started."),
        ("ended_at", "time?", "When it reached its final status."),
    ]),
    ("RunSummary", "One run in a list.", [
        ("run_id", "str", "The run id."),
        ("workflow_id", "str", "The definition's id."),
        ("status", "str", "pending, running, paused, completed, failed, cancelled."),
        ("priority", "str", "low, normal, high or critical."),
        ("created_at", "time?", "When the run was created."),
        ("started_at", "time?", "When it started."),
        ("completed_at", "time?", "When it ended."),
    ]),
    ("HistoryItem", "One entry of a run's history, oldest first.", [
        ("seq", "i64", "The entry's sequence number in the run's history."),
        ("time", "time?", "When it was recorded."),
        ("kind", "str", "What happened: workflow.created, task.started, task.completed, run.rolled_back, ..."),
        ("task_id", "str?", "The task, for task entries."),
        ("attempt", "i32", "The attempt, for task entries; 0 otherwise."),
        ("actor", "str", "Who caused it: engine, api, cli, recovery, a user name."),
        ("reason", "str?", "Why, when said."),
        ("status", "str?", "A status the entry sets, when any."),
        ("output", "any", "A completed task's output, a context write's value."),
        ("error", "ErrorInfo?", "A failure's error."),
        ("due_at", "time?", "When a retry or timer is due."),
        ("key", "str?", "A context write's key."),
        ("checkpoint_id", "i64?", "A checkpoint's or rollback's checkpoint id."),
    ]),
    ("LeasedTask", "One task handed to a remote agent worker.", [
        ("lease_id", "str", "The lease; name it in heartbeat and complete_lease."),
        ("agent_id", "str", "The agent the task was routed to."),
        ("run_id", "str", "The run."),
        ("workflow_id", "str", "The definition's id."),
        ("task_id", "str", "The task."),
        ("attempt", "i32", "The attempt number (1 for the first)."),
        ("idempotency_key", "str", "Stable across re-runs of the same attempt after a crash: run/task/attempt."),
        ("action", "str", "The task's action."),
        ("parameters", "map?", "The task's parameters, resolved."),
        ("inputs", "map?", "The run's inputs."),
        ("context", "map?", "The run's context as of dispatch."),
        ("expires_at", "time?", "When the lease lapses unless renewed; the attempt then fails as transient."),
    ]),
]

MESSAGES = [
    # name, type, doc, fields
    ("Hello", "Hello", "The client's first frame: the protocol version it speaks and its token.", [
        ("protocol", "i32", "The protocol version, 1."),
        ("token", "str?", "The server's token; nil when the server runs without authentication."),
        ("client", "str?", "Free text naming the client, for the server's log."),
    ]),
    ("Welcome", "Welcome", "The server's reply to hello: the connection is authenticated.", [
        ("protocol", "i32", "The protocol version the server speaks, 1."),
        ("server", "str", "The server's name and version."),
        ("connection_id", "str", "This connection's id, as the server logs it."),
        ("max_frame", "i32", "The largest frame length (the prefix's value) the server accepts."),
        ("max_depth", "i32", "The deepest nesting of maps and arrays the server accepts."),
    ]),
    ("Ping", "Ping", "A round trip with no work. The payload is empty.", []),
    ("Pong", "Pong", "The reply to ping. The payload is empty.", []),
    ("Ok", "Ok", "The request succeeded and returns nothing. The payload is empty.", []),
    ("Error", "Error", "A request failed (request id of the request), or the connection did (request id 0).", [
        ("code", "i32", "The numeric error code."),
        ("name", "str", "The code's snake_case name."),
        ("category", "str", "protocol, auth, validation, not_found, state, capacity, permission, unavailable or internal."),
        ("message", "str", "What failed, where, and how to fix it."),
        ("fatal", "bool", "True when the server closes the connection after this frame."),
        ("details", "list<Diagnostic>", "For invalid_definition and invalid_request: every finding."),
    ]),
    ("RegisterDefinition", "RegisterDefinition", "Validates a definition and stores it on the server under its id and version.", [
        ("source", "str", "The definition's YAML or JSON text."),
        ("file_name", "str?", "A name for the text in error messages, such as the client's file path."),
    ]),
    ("DefinitionRegistered", "DefinitionRegistered", "The definition is valid and stored.", [
        ("workflow_id", "str", "The definition's id."),
        ("name", "str?", "Its name."),
        ("version", "str?", "Its version."),
        ("task_count", "i32", "How many tasks it has."),
        ("warnings", "list<Diagnostic>", "Findings that are not errors."),
    ]),
    ("CreateRun", "CreateRun", "Creates a run in status pending; it starts on start_run.", [
        ("workflow_id", "str?", "A registered definition's id; or give source."),
        ("source", "str?", "A definition's text, registered on the way."),
        ("inputs", "map?", "The run's inputs."),
        ("priority", "str?", "low, normal (default), high or critical; the scheduler runs higher first."),
        ("run_id", "str?", "The run's id; the server makes one when nil."),
    ]),
    ("StartRun", "StartRun", "Starts a created run.", [
        ("run_id", "str", "The run."),
    ]),
    ("SubmitRun", "SubmitRun", "Creates and starts a run; with wait, the reply comes when the run ends.", [
        ("workflow_id", "str?", "A registered definition's id; or give source."),
        ("source", "str?", "A definition's text, registered on the way."),
        ("inputs", "map?", "The run's inputs."),
        ("priority", "str?", "low, normal (default), high or critical."),
        ("run_id", "str?", "The run's id; the server makes one when nil."),
        ("wait", "bool", "Reply when the run ends instead of when it has started."),
        ("timeout_ms", "i64?", "With wait: reply with wait_timeout after this long (the run goes on)."),
    ]),
    ("GetRun", "GetRun", "Asks for a run's state as of now.", [
        ("run_id", "str", "The run."),
    ]),
    ("ListRuns", "ListRuns", "Lists runs, newest first.", [
        ("status", "str?", "Only runs in this status."),
        ("workflow_id", "str?", "Only runs of this definition."),
        ("limit", "i32", "At most this many; 0 for the server's default (100)."),
    ]),
    ("WaitRun", "WaitRun", "Replies with the run's state when it ends.", [
        ("run_id", "str", "The run."),
        ("timeout_ms", "i64?", "Reply with wait_timeout after this long (the run goes on)."),
    ]),
    ("PauseRun", "PauseRun", "Pauses a run: running attempts finish, nothing new starts.", [
        ("run_id", "str", "The run."),
    ]),
    ("ResumeRun", "ResumeRun", "Resumes a paused run (or reopens one a restart interrupted).", [
        ("run_id", "str", "The run."),
    ]),
    ("CancelRun", "CancelRun", "Cancels a run.", [
        ("run_id", "str", "The run."),
        ("force", "bool", "Stop running attempts now instead of letting them finish."),
    ]),
    ("RollbackRun", "RollbackRun", "Rolls a paused or failed run back to a checkpoint; it is left paused.", [
        ("run_id", "str", "The run."),
        ("checkpoint", "i64?", "The checkpoint id; nil for the latest."),
    ]),
    ("GetHistory", "GetHistory", "Asks for a run's history.", [
        ("run_id", "str", "The run."),
    ]),
    ("Health", "Health", "Asks for the server's health. The payload is empty.", []),
    ("RunState", "RunState", "One run's state: the object fastflow run --json prints, plus the run's own error and times.", [
        ("run_id", "str", "The run."),
        ("workflow_id", "str", "The definition's id."),
        ("status", "str", "pending, running, paused, completed, failed, cancelled."),
        ("priority", "str", "low, normal, high or critical."),
        ("created_at", "time?", "When it was created."),
        ("started_at", "time?", "When it started."),
        ("completed_at", "time?", "When it ended."),
        ("error", "ErrorInfo?", "Why it failed, when it did."),
        ("tasks", "list<TaskState>", "Every task, in declaration order."),
        ("outputs", "map?", "The run's outputs, once it completed."),
    ]),
    ("RunList", "RunList", "The reply to list_runs.", [
        ("runs", "list<RunSummary>", "The runs, newest first."),
    ]),
    ("History", "History", "The reply to get_history.", [
        ("run_id", "str", "The run."),
        ("entries", "list<HistoryItem>", "Every entry, oldest first."),
    ]),
    ("HealthReport", "HealthReport", "The reply to health.", [
        ("status", "str", "ok, or draining while the server stops."),
        ("server", "str", "The server's name and version."),
        ("uptime_ms", "i64", "Milliseconds since the server started."),
        ("active_runs", "i32", "Runs not yet ended."),
        ("connections", "i32", "Open connections."),
        ("subscriptions", "i32", "Open event subscriptions."),
        ("durability", "str", "none (in memory), batched or immediate."),
        ("leases", "i32", "Tasks leased to remote agent workers now."),
    ]),
    ("Subscribe", "Subscribe", "Streams events as pushed frames (type event, the subscribe request's id) until unsubscribe.", [
        ("run_id", "str?", "One run's events; nil for every run's."),
        ("buffer", "i32", "Events the server holds for a slow reader before it drops the subscription; 0 for the default (4096)."),
    ]),
    ("Subscribed", "Subscribed", "The subscription is open; events follow.", [
        ("subscription", "i64", "The subscription's id: the subscribe request's id."),
    ]),
    ("Unsubscribe", "Unsubscribe", "Stops a subscription; the reply is ok, then subscription_ended.", [
        ("subscription", "i64", "The subscription's id."),
    ]),
    ("Event", "Event", "One event of a subscription (pushed).", [
        ("subscription", "i64", "The subscription's id."),
        ("type", "str", "workflow.created, workflow.started, ..., task.completed, task.failed, task.retrying, ..."),
        ("run_id", "str", "The run."),
        ("workflow_id", "str", "The definition's id."),
        ("task_id", "str?", "The task, for task events."),
        ("attempt", "i32", "The attempt, for task events."),
        ("time", "time?", "When it happened."),
        ("run_status", "str?", "The run's status after a workflow event."),
        ("task_status", "str?", "The task's status after a task event."),
        ("error", "ErrorInfo?", "For failures."),
        ("retry_delay_ms", "i64?", "For task.retrying: the delay before the next attempt."),
    ]),
    ("SubscriptionEnded", "SubscriptionEnded", "A subscription is over (pushed); no event of it follows.", [
        ("subscription", "i64", "The subscription's id."),
        ("reason", "str", "run_ended, unsubscribed, too_slow or shutting_down."),
        ("message", "str", "What happened, in words."),
    ]),
    ("LeaseTasks", "LeaseTasks", "An agent worker asks for tasks routed to one of its agents.", [
        ("agent_id", "str", "The agent (transport: remote in the server's agents file)."),
        ("max", "i32", "At most this many tasks; 0 for 1."),
        ("wait_ms", "i64", "Wait up to this long for a task when none is waiting (long poll); 0 to answer at once."),
    ]),
    ("Leases", "Leases", "The reply to lease_tasks: the tasks now leased to the caller (maybe none).", [
        ("leases", "list<LeasedTask>", "The tasks."),
    ]),
    ("Heartbeat", "Heartbeat", "Keeps a lease alive.", [
        ("lease_id", "str", "The lease."),
    ]),
    ("LeaseRenewed", "LeaseRenewed", "The reply to heartbeat.", [
        ("lease_id", "str", "The lease."),
        ("expires_at", "time?", "The lease's new expiry."),
    ]),
    ("CompleteLease", "CompleteLease", "Reports a leased task's result; the reply is ok.", [
        ("lease_id", "str", "The lease."),
        ("ok", "bool", "True when the task succeeded."),
        ("output", "any", "The task's output when ok."),
        ("error", "ErrorInfo?", "The failure when not ok; category transient when nil."),
    ]),
]

def pascal(s): return 'EventType' if s == 'type' else ''.join(p[:1].upper() + p[1:] for p in s.split('_'))

def cstype(t):
    if t == 'str': return 'string', ' = string.Empty;'
    if t == 'str?': return 'string?', ''
    if t == 'i32': return 'int', ''
    if t == 'i64': return 'long', ''
    if t == 'i64?': return 'long?', ''
    if t == 'bool': return 'bool', ''
    if t == 'time?': return 'DateTimeOffset?', ''
    if t == 'map?': return 'IReadOnlyDictionary<string, object?>?', ''
    if t == 'any': return 'object?', ''
    if t.startswith('list<'):
        inner = t[5:-1]
        return f'IReadOnlyList<{inner}>', f' = Array.Empty<{inner}>();'
    if t.endswith('?'): return t, ''
    return t, f' = new();'

def write_stmt(name, t):
    prop = pascal(name)
    if t == 'str': return f'writer.Write({prop});'
    if t in ('str?',): return f'PayloadWriter.WriteString(ref writer, {prop});'
    if t in ('i32', 'i64', 'bool'): return f'writer.Write({prop});'
    if t == 'i64?': return f'PayloadWriter.WriteInt64(ref writer, {prop});'
    if t == 'time?': return f'PayloadWriter.WriteTime(ref writer, {prop});'
    if t in ('map?', 'any'): return f'PayloadWriter.WritePlain(ref writer, {prop}, depth + 1);'
    if t.startswith('list<'):
        return (f'writer.WriteArrayHeader({prop}.Count);\n'
                f'        for (var i = 0; i < {prop}.Count; i++)\n        {{\n            {prop}[i].Write(ref writer, depth + 2);\n        }}\n')
    if t.endswith('?'):
        return (f'if ({prop} is null)\n        {{\n            writer.WriteNil();\n        }}\n        else\n        {{\n            {prop}.Write(ref writer, depth + 1);\n        }}\n')
    raise Exception(t)

def read_stmt(name, t):
    if t == 'str': return f'PayloadReader.ReadRequiredString(ref reader, "{name}")'
    if t == 'str?': return f'PayloadReader.ReadString(ref reader, "{name}")'
    if t == 'i32': return f'PayloadReader.ReadInt32(ref reader, "{name}")'
    if t == 'i64': return f'PayloadReader.ReadInt64(ref reader, "{name}")'
    if t == 'i64?': return f'PayloadReader.ReadOptionalInt64(ref reader, "{name}")'
    if t == 'bool': return f'PayloadReader.ReadBoolean(ref reader, "{name}")'
    if t == 'time?': return f'PayloadReader.ReadTime(ref reader, "{name}")'
    if t == 'map?': return f'PayloadReader.ReadPlainMap(ref reader, "{name}", depth, limits)'
    if t == 'any': return f'PayloadReader.ReadPlain(ref reader, "{name}", depth, limits)'
    if t.startswith('list<'):
        inner = t[5:-1]
        return f'PayloadReader.ReadList(ref reader, "{name}", depth, limits, {inner}.Read)'
    if t.endswith('?'):
        return f'reader.TryReadNil() ? null : {t[:-1]}.Read(ref reader, limits, depth + 1)'
    raise Exception(t)

def body(cls, wire, fields, is_message):
    lines = []
    for (name, t, doc) in fields:
        ct, init = cstype(t)
        lines.append(f'    /// <summary>{doc} Key <c>{name}</c>.</summary>')
        lines.append(f'    public {ct} {pascal(name)} {{ get; init; }}{init}')
        lines.append('')
    # write
    if is_message:
        lines.append('    /// <inheritdoc/>')
        lines.append('    public override void Write(ref MessagePackWriter writer) => Write(ref writer, 0);')
        lines.append('')
        lines.append('    /// <summary>Writes the payload map; <paramref name="depth"/> counts the containers around it.</summary>')
        lines.append('    internal void Write(ref MessagePackWriter writer, int depth)')
    else:
        lines.append('    /// <summary>Writes the map; <paramref name="depth"/> counts the containers around it, itself included.</summary>')
        lines.append('    internal void Write(ref MessagePackWriter writer, int depth)')
    lines.append('    {')
    if is_message and not fields:
        lines.append('        // No fields: the payload is empty (readers take an empty payload as an empty map).')
        lines.append('        _ = writer;')
        lines.append('        _ = depth;')
    else:
        if is_message:
            lines.append('        depth++;')
        lines.append(f'        writer.WriteMapHeader({len(fields)});')
        for (name, t, doc) in fields:
            lines.append(f'        writer.WriteString("{name}"u8);')
            lines.append('        ' + write_stmt(name, t).rstrip())
    lines.append('    }')
    lines.append('')
    # read
    lines.append(f'    /// <summary>Reads the map; <paramref name="depth"/> counts the containers around it, itself included.</summary>')
    lines.append(f'    internal static {cls} Read(ref MessagePackReader reader, DecodeLimits limits, int depth)')
    lines.append('    {')
    for (name, t, doc) in fields:
        ct, init = cstype(t)
        default = 'string.Empty' if t == 'str' else ('Array.Empty<%s>()' % t[5:-1] if t.startswith('list<') else 'default')
        if ct.endswith('?') and default == 'default': default = 'null'
        lines.append(f'        {ct} {var(name)} = {default};')
    if is_message:
        lines.append(f'        var count = PayloadReader.ReadPayloadMap(ref reader, "{wire}");')
        lines.append('        depth++;')
    else:
        lines.append(f'        var count = PayloadReader.ReadMapHeader(ref reader, "{wire}", depth - 1, limits);')
    lines.append('        for (var i = 0; i < count; i++)')
    lines.append('        {')
    if fields:
        lines.append(f'            var key = PayloadReader.ReadKey(ref reader, "{wire}");')
        first = True
        for (name, t, doc) in fields:
            kw = 'if' if first else 'else if'
            first = False
            lines.append(f'            {kw} (key.SequenceEqual("{name}"u8))')
            lines.append('            {')
            lines.append(f'                {var(name)} = {read_stmt(name, t)};')
            lines.append('            }')
        lines.append('            else')
        lines.append('            {')
        lines.append(f'                PayloadReader.Skip(ref reader, "{wire}", depth, limits);')
        lines.append('            }')
    else:
        lines.append(f'            PayloadReader.Skip(ref reader, "{wire}", depth, limits);')
        lines.append(f'            PayloadReader.Skip(ref reader, "{wire}", depth, limits);')
    lines.append('        }')
    lines.append('')
    if not fields and is_message:
        lines.append('        return Instance;')
    else:
        inits = ', '.join(f'{pascal(n)} = {var(n)}' for (n, t, d) in fields)
        lines.append(f'        return new {cls} {{ {inits} }};')
    lines.append('    }')
    return lines

def var(name):
    return re.sub(r'_(.)', lambda m: m.group(1).upper(), name) + 'Value'

def snake(name): return re.sub(r'(?<!^)([A-Z])', r'_\1', name).lower()

HEADER = '// <auto-generated>\n// Generated by tools/protocol-codegen.py from its message table; edit the table, not this file.\n// </auto-generated>\n'

out = 'src/FastFlow.Protocol/Messages/Generated'
os.makedirs(out, exist_ok=True)
for f in os.listdir(out): os.remove(os.path.join(out, f))
for (cls, doc, fields) in NESTED:
    lines = [HEADER, '#nullable enable', 'using MessagePack;', 'using FastFlow.Protocol.Payloads;', '', 'namespace FastFlow.Protocol.Messages;', '',
             f'/// <summary>{doc}</summary>', f'public sealed class {cls}', '{']
    lines += body(cls, snake(cls), fields, False)
    lines += ['}', '']
    open(f'{out}/{cls}.cs', 'w').write('\n'.join(lines))
for (name, typ, doc, fields) in [(m[0], m[1], m[2], m[3]) for m in MESSAGES]:
    cls = name + 'Message'
    wire = snake(name)
    lines = [HEADER, '#nullable enable', 'using MessagePack;', 'using FastFlow.Protocol.Payloads;', '', 'namespace FastFlow.Protocol.Messages;', '',
             f'/// <summary>{doc} Type <c>{wire}</c>.</summary>', f'public sealed partial class {cls} : Message', '{']
    if not fields:
        lines += ['    /// <summary>The one instance: the message has no fields.</summary>', f'    public static {cls} Instance {{ get; }} = new();', '']
    lines += ['    /// <inheritdoc/>', f'    public override MessageType Type => MessageType.{typ};', '']
    lines += body(cls, wire, fields, True)
    lines += ['}', '']
    open(f'{out}/{cls}.cs', 'w').write('\n'.join(lines))

# the decoder switch
sw = [HEADER, '#nullable enable', 'using MessagePack;', 'using FastFlow.Protocol.Payloads;', '', 'namespace FastFlow.Protocol.Messages;', '',
      '/// <summary>Decodes a payload by its frame\'s message type.</summary>', 'internal static class MessageTable', '{',
      '    /// <summary>Reads the message of <paramref name="type"/>, or returns null for a type no message has.</summary>',
      '    public static Message? Read(MessageType type, ref MessagePackReader reader, DecodeLimits limits) => type switch', '    {']
for (name, typ, doc, fields) in MESSAGES:
    sw.append(f'        MessageType.{typ} => {name}Message.Read(ref reader, limits, 0),')
sw += ['        _ => null,', '    };', '', '    /// <summary>The snake_case name of a message type, for messages and docs.</summary>',
       '    public static string Name(MessageType type) => type switch', '    {']
for (name, typ, doc, fields) in MESSAGES:
    sw.append(f'        MessageType.{typ} => "{snake(name)}",')
sw += ['        _ => "unknown",', '    };', '}', '']
open(f'{out}/MessageTable.cs', 'w').write('\n'.join(sw))

# the tables of docs/protocol.md, written between its markers so the spec cannot drift from the code
codes = dict((m.group(1), int(m.group(2), 16)) for m in re.finditer(r'(\w+) = 0x([0-9A-Fa-f]+),', open('src/FastFlow.Protocol/Messages/MessageType.cs').read()))

def wire(t):
    if t == 'str': return 'str'
    if t == 'str?': return 'str or nil'
    if t == 'i32': return 'int (32-bit)'
    if t == 'i64': return 'int (64-bit)'
    if t == 'i64?': return 'int (64-bit) or nil'
    if t == 'bool': return 'bool'
    if t == 'time?': return 'int (Unix ms) or nil'
    if t == 'map?': return 'map of plain values, or nil'
    if t == 'any': return 'plain value'
    if t.startswith('list<'): return f'array of [`{snake(t[5:-1])}`](#{snake(t[5:-1])})'
    if t.endswith('?'): return f'[`{snake(t[:-1])}`](#{snake(t[:-1])}) or nil'
    raise Exception(t)

def table(fields):
    rows = ['| key | type | meaning |', '|---|---|---|']
    rows += [f'| `{n}` | {wire(t)} | {d} |' for (n, t, d) in fields]
    return rows

mm = ['', '']
for (name, typ, doc, fields) in MESSAGES:
    code = codes[typ]
    side = 'client → server' if code < 0x80 else 'server → client'
    mm.append(f'#### `{snake(name)}`\n\nType `0x{code:02x}`, {side}. {doc}\n')
    mm += table(fields) if fields else ['No keys: the payload is empty (0 bytes), and a reader also accepts an empty map.']
    mm.append('')
md = ['', '']
for (cls, doc, fields) in NESTED:
    md.append(f'#### `{snake(cls)}`\n\n{doc}\n')
    md += table(fields)
    md.append('')

def replace_between(text, name, block):
    begin = f'<!-- {name}:begin (written by tools/protocol-codegen.py) -->'
    end = f'<!-- {name}:end -->'
    i, j = text.find(begin), text.find(end)
    if i < 0 or j < i:
        raise SystemExit(f'docs/protocol.md has no "{begin}" ... "{end}" markers; put them back where the {name} tables go.')
    return text[:i + len(begin)] + '\n'.join(block) + '\n' + text[j:]

doc = open('docs/protocol.md').read()
doc = replace_between(doc, 'messages', mm)
doc = replace_between(doc, 'records', md)
open('docs/protocol.md', 'w').write(doc)
print('generated', len(NESTED) + len(MESSAGES), 'types')

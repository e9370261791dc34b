<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertsView</name>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <source>New alert rule</source>
        <translation>新建告警规则</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>For</source>
        <translation>持续</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <source>No alert rules yet.</source>
        <translation>还没有告警规则。</translation>
    </message>
    <message>
        <source>Add this example rule</source>
        <translation>添加此示例规则</translation>
    </message>
    <message>
        <source>Enabled: %1</source>
        <translation>已启用：%1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation>编辑（回车）</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Delete with its history (Delete)</source>
        <translation>连同历史一起删除（Delete）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Show alerts</source>
        <translation>显示告警</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>告警历史</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>Traces of %1</source>
        <translation>%1 的链路</translation>
    </message>
    <message>
        <source>Failed traces</source>
        <translation>失败的链路</translation>
    </message>
    <message>
        <source>Edit alert rule</source>
        <translation>编辑告警规则</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>checkout errors</source>
        <translation>结账错误</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Service (empty: every service)</source>
        <translation>服务（留空：所有服务）</translation>
    </message>
    <message>
        <source>Empty: every service</source>
        <translation>留空：所有服务</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>every operation</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Operation (empty: every operation)</source>
        <translation>操作（留空：所有操作）</translation>
    </message>
    <message>
        <source>Comparator</source>
        <translation>比较符</translation>
    </message>
    <message>
        <source>threshold, e.g. 0.05 for 5 %</source>
        <translation>阈值，例如 0.05 表示 5 %</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>For (minutes)</source>
        <translation>持续（分钟）</translation>
    </message>
    <message>
        <source>For how many minutes the condition must hold</source>
        <translation>条件须持续多少分钟</translation>
    </message>
    <message>
        <source>Rule enabled</source>
        <translation>规则已启用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the rule</source>
        <translation>保存规则</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>连接到服务器</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>The REST API of a spanlightd, such as https://spanlight.example:8007</source>
        <translation>spanlightd 的 REST API，例如 https://spanlight.example:8007</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>The server&apos;s API_TOKEN or a token of its tokens file</source>
        <translation>服务器的 API_TOKEN 或其令牌文件中的令牌</translation>
    </message>
    <message>
        <source>Remember the token (stored in the console&apos;s settings file)</source>
        <translation>记住令牌（保存在控制台的设置文件中）</translation>
    </message>
    <message>
        <source>Extra trusted certificate (PEM file, optional)</source>
        <translation>额外信任的证书（PEM 文件，可选）</translation>
    </message>
    <message>
        <source>/path/to/ca.pem, for a private CA or a self-signed certificate</source>
        <translation>/path/to/ca.pem，用于私有 CA 或自签名证书</translation>
    </message>
    <message>
        <source>Extra trusted certificate file</source>
        <translation>额外信任的证书文件</translation>
    </message>
    <message>
        <source>While attached, pages refresh every few seconds; demo data and file import are off.</source>
        <translation>连接期间，页面每隔几秒刷新一次；演示数据和文件导入已关闭。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the OTLP endpoint variable</source>
        <translation>复制 OTLP 端点变量</translation>
    </message>
    <message>
        <source>Recent traces</source>
        <translation>最近的链路</translation>
    </message>
    <message>
        <source>Enter opens</source>
        <translation>按 Enter 打开</translation>
    </message>
    <message>
        <source>No traces started in the last 15 minutes.</source>
        <translation>最近 15 分钟内没有开始的链路。</translation>
    </message>
    <message>
        <source>Busiest services</source>
        <translation>最繁忙的服务</translation>
    </message>
    <message>
        <source>requests · errors · p95</source>
        <translation>请求 · 错误 · p95</translation>
    </message>
    <message>
        <source>No requests in the last 15 minutes.</source>
        <translation>最近 15 分钟内没有请求。</translation>
    </message>
    <message>
        <source>Latest errors</source>
        <translation>最新错误</translation>
    </message>
    <message>
        <source>No errors in the last 15 minutes.</source>
        <translation>最近 15 分钟内没有错误。</translation>
    </message>
</context>
<context>
    <name>DeepLink</name>
    <message>
        <source>The link is empty.</source>
        <translation>链接为空。</translation>
    </message>
    <message>
        <source>“%1” is not a valid link.</source>
        <translation>“%1”不是有效的链接。</translation>
    </message>
    <message>
        <source>“%1” is not a Spanlight link: it must start with spanlight://trace/.</source>
        <translation>“%1”不是 Spanlight 链接：它必须以 spanlight://trace/ 开头。</translation>
    </message>
    <message>
        <source>“%1” names no trace: a link is spanlight://trace/&lt;trace id&gt;?span=&lt;span id&gt;.</source>
        <translation>“%1”未指明链路：链接格式为 spanlight://trace/&lt;链路 ID&gt;?span=&lt;跨度 ID&gt;。</translation>
    </message>
    <message>
        <source>The link has no trace id: a link is spanlight://trace/&lt;trace id&gt;?span=&lt;span id&gt;.</source>
        <translation>链接中没有链路 ID：链接格式为 spanlight://trace/&lt;链路 ID&gt;?span=&lt;跨度 ID&gt;。</translation>
    </message>
    <message>
        <source>“%1” is not a trace id: it must have 32 (or 16) hex digits.</source>
        <translation>“%1”不是链路 ID：它必须是 32（或 16）位十六进制数字。</translation>
    </message>
    <message>
        <source>The link names more than one span.</source>
        <translation>链接指明了多个跨度。</translation>
    </message>
    <message>
        <source>“%1” is not a span id: it must have 16 hex digits.</source>
        <translation>“%1”不是跨度 ID：它必须是 16 位十六进制数字。</translation>
    </message>
</context>
<context>
    <name>DemoDataButton</name>
    <message>
        <source>Load demo data</source>
        <translation>加载演示数据</translation>
    </message>
    <message>
        <source>Load a generated shop workload into the store</source>
        <translation>将生成的网店负载加载到存储中</translation>
    </message>
</context>
<context>
    <name>DependenciesView</name>
    <message>
        <source>Dependencies</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>service (size: requests)</source>
        <translation>服务（大小：请求数）</translation>
    </message>
    <message>
        <source>external system</source>
        <translation>外部系统</translation>
    </message>
    <message>
        <source>more than 5 % errors</source>
        <translation>错误率超过 5 %</translation>
    </message>
    <message>
        <source>critical path of the selection</source>
        <translation>所选服务的关键路径</translation>
    </message>
    <message>
        <source>Click a service to see what depends on it and the slowest paths through it.</source>
        <translation>点击一个服务，查看哪些服务依赖它以及经过它的最慢路径。</translation>
    </message>
    <message>
        <source>Loading impact…</source>
        <translation>正在加载影响范围…</translation>
    </message>
    <message>
        <source>Impact score</source>
        <translation>影响分数</translation>
    </message>
    <message>
        <source>of the root services&apos; requests can reach it</source>
        <translation>的入口服务请求可以到达它</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>调用方</translation>
    </message>
    <message>
        <source>Everything that depends on it</source>
        <translation>所有依赖它的服务</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Critical paths through it</source>
        <translation>经过它的关键路径</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 self time, bottleneck %2</source>
        <translation>自身耗时 %1，瓶颈 %2</translation>
    </message>
    <message>
        <source>Service dependency graph</source>
        <translation>服务依赖关系图</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小 (-)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>放大（+、Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the graph to the view</source>
        <translation>使图适应视图</translation>
    </message>
    <message>
        <source>Show the whole graph (F); 0 for its own size</source>
        <translation>显示整个图 (F)；0 为原始大小</translation>
    </message>
</context>
<context>
    <name>ErrorsView</name>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the trace</source>
        <translation>双击或按 Enter 打开链路</translation>
    </message>
    <message>
        <source>Error types</source>
        <translation>错误类型</translation>
    </message>
    <message>
        <source>No error types.</source>
        <translation>没有错误类型。</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>Importing trace files…</source>
        <translation>正在导入链路文件…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message>
        <source>Insights</source>
        <translation>洞察</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Tab moves between the sections; Enter or a double-click opens an example trace</source>
        <translation>Tab 在各部分之间切换；Enter 或双击打开一条示例链路</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Buckets that left their operation&apos;s own baseline band</source>
        <translation>超出其操作自身基线范围的时间段</translation>
    </message>
    <message>
        <source>No anomalies: every operation stayed within its baseline.</source>
        <translation>没有异常：每个操作都保持在其基线之内。</translation>
    </message>
    <message>
        <source>Regressions</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Lasting changes after a service.version change, or level shifts</source>
        <translation>service.version 变更后的持续变化，或水平偏移</translation>
    </message>
    <message>
        <source>No regressions: no version change or level shift made an operation worse.</source>
        <translation>没有回归：没有版本变更或水平偏移使任何操作变差。</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>No recommendations: no N+1 calls, sequential calls, slow statements, retry storms, large fan-out or uninstrumented time in the sampled traces.</source>
        <translation>没有建议：抽样的链路中没有 N+1 调用、顺序调用、慢语句、重试风暴、大量扇出或未插桩时间。</translation>
    </message>
    <message>
        <source>Where errors start</source>
        <translation>错误从何处开始</translation>
    </message>
    <message>
        <source>No errors to follow in this time range.</source>
        <translation>此时间范围内没有可追溯的错误。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Spanlight</source>
        <translation>Spanlight</translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s)</source>
        <translation>
            <numerusform>%n 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a trace by its id</source>
        <translation>按 ID 打开链路</translation>
    </message>
    <message>
        <source>Enter opens it on the Trace page; Escape closes.</source>
        <translation>按 Enter 在“链路详情”页打开；按 Escape 关闭。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Trace Files…</source>
        <translation>打开链路文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Import trace files</source>
        <translation>导入链路文件</translation>
    </message>
    <message>
        <source>Trace files (*.json *.jsonl *.ndjson)</source>
        <translation>链路文件 (*.json *.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Drop trace files to import them</source>
        <translation>将链路文件拖放到此处以导入</translation>
    </message>
    <message>
        <source>&amp;Connect to Server…</source>
        <translation>连接到服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>Use the &amp;Local Server</source>
        <translation>使用本地服务器(&amp;L)</translation>
    </message>
</context>
<context>
    <name>PerformanceView</name>
    <message>
        <source>Performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>One point per %1</source>
        <translation>每 %1 一个点</translation>
    </message>
    <message>
        <source>Slowest traces</source>
        <translation>最慢的链路</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n 个跨度</numerusform>
        </translation>
    </message>
    <message>
        <source>Slowest operations</source>
        <translation>最慢的操作</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>跨度</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Upstream (callers)</source>
        <translation>上游（调用方）</translation>
    </message>
    <message>
        <source>Downstream (callees)</source>
        <translation>下游（被调用方）</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>No requests in this time range.</source>
        <translation>此时间范围内没有请求。</translation>
    </message>
    <message>
        <source>Select a service to see its charts, its operations and the services it talks to.</source>
        <translation>选择一个服务，查看它的图表、操作以及与它通信的服务。</translation>
    </message>
    <message>
        <source>Open in Performance</source>
        <translation>在性能页中打开</translation>
    </message>
    <message>
        <source>Open %1 on the Performance page</source>
        <translation>在性能页中打开 %1</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Endpoints of the embedded server</source>
        <translation>内置服务器的端点</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>OTLP/HTTP</source>
        <translation>OTLP/HTTP</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin</source>
        <translation>Zipkin</translation>
    </message>
    <message>
        <source>Jaeger</source>
        <translation>Jaeger</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>颜色主题</translation>
    </message>
    <message>
        <source>System follows the desktop&apos;s light or dark palette.</source>
        <translation>“跟随系统”使用桌面的浅色或深色调色板。</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Hide the API token</source>
        <translation>隐藏 API 令牌</translation>
    </message>
    <message>
        <source>Show the API token</source>
        <translation>显示 API 令牌</translation>
    </message>
    <message>
        <source>Copy the API token</source>
        <translation>复制 API 令牌</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>重新生成…</translation>
    </message>
    <message>
        <source>Regenerate the API token</source>
        <translation>重新生成 API 令牌</translation>
    </message>
    <message>
        <source>Point a client at Spanlight</source>
        <translation>将客户端指向 Spanlight</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>no store</source>
        <translation>无存储</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>The server&apos;s settings come from the command line, the environment and the settings file (spanlight --help lists them).</source>
        <translation>服务器的设置来自命令行、环境变量和设置文件（spanlight --help 会列出它们）。</translation>
    </message>
    <message>
        <source>Regenerate the API token?</source>
        <translation>重新生成 API 令牌？</translation>
    </message>
    <message>
        <source>The running server accepts only the new token from now on; scripts and exporters that send the old one get 401 until they use the new one.</source>
        <translation>正在运行的服务器从现在起只接受新令牌；仍发送旧令牌的脚本和导出器会收到 401，直到它们改用新令牌。</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate the API token now</source>
        <translation>立即重新生成 API 令牌</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language of the console</source>
        <translation>控制台的语言</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time zone of the times shown</source>
        <translation>所显示时间的时区</translation>
    </message>
    <message>
        <source>Every page shows start times, time ranges and chart axes in this zone; the custom time range is entered in it too.</source>
        <translation>所有页面都以此时区显示开始时间、时间范围和图表坐标轴；自定义时间范围也按此时区输入。</translation>
    </message>
    <message>
        <source>Ingest health</source>
        <translation>接收健康状况</translation>
    </message>
    <message>
        <source>No client has sent spans since the server started.</source>
        <translation>自服务器启动以来，没有客户端发送过跨度。</translation>
    </message>
    <message>
        <source>Per sender since the server started: spans stored per second over the last minute, in total, and what was refused and why.</source>
        <translation>自服务器启动以来按发送方统计：最近一分钟每秒存储的跨度、总数，以及被拒绝的内容和原因。</translation>
    </message>
    <message>
        <source>%1 from %2 over %3: %4 stored, %5</source>
        <translation>%1，来自 %2，通过 %3：已存储 %4，%5</translation>
    </message>
    <message>
        <source>nothing refused</source>
        <translation>无拒绝</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 stored · last %2</source>
        <translation>已存储 %1 · 最近 %2</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <source>Desktop notifications of alerts</source>
        <translation>告警的桌面通知</translation>
    </message>
    <message>
        <source>A notification from the system tray when an alert fires or resolves, while the console runs. Without a system tray there are none.</source>
        <translation>控制台运行期间，告警触发或恢复时从系统托盘发出通知。没有系统托盘时不发通知。</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
</context>
<context>
    <name>SideBar</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>SpanDetails</name>
    <message>
        <source>No span selected</source>
        <translation>未选择跨度</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>跨度</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 (self %2)</source>
        <translation>%1（自身 %2）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Span ID</source>
        <translation>跨度 ID</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父跨度</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy a link to this span</source>
        <translation>复制指向此跨度的链接</translation>
    </message>
    <message>
        <source>Copies a spanlight:// link that opens this span (Ctrl+Shift+C)</source>
        <translation>复制一个打开此跨度的 spanlight:// 链接（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>StatusHeader</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>将 %1 复制到剪贴板</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>OTLP/HTTP</source>
        <translation>OTLP/HTTP</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin</source>
        <translation>Zipkin</translation>
    </message>
    <message>
        <source>Jaeger</source>
        <translation>Jaeger</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
</context>
<context>
    <name>TimeRangeBar</name>
    <message>
        <source>Time range %1</source>
        <translation>时间范围 %1</translation>
    </message>
</context>
<context>
    <name>TraceCompareView</name>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>对比对象</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Swap A and B</source>
        <translation>交换 A 和 B</translation>
    </message>
    <message>
        <source>Swap the baseline and the candidate</source>
        <translation>交换基线与对比对象</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the comparison and show the waterfall</source>
        <translation>关闭比较并显示瀑布图</translation>
    </message>
    <message>
        <source>Back to the waterfall (Escape)</source>
        <translation>返回瀑布图（Escape）</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>跨度</translation>
    </message>
    <message>
        <source>Sort by position in the trace</source>
        <translation>按在链路中的位置排序</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Sort by duration in A</source>
        <translation>按 A 中的时长排序</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Sort by duration in B</source>
        <translation>按 B 中的时长排序</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Sort by change in duration</source>
        <translation>按时长变化排序</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>Sort by change in self time</source>
        <translation>按自身时间变化排序</translation>
    </message>
    <message>
        <source>Spans of both traces, biggest regression first</source>
        <translation>两条链路的跨度，退化最大者优先</translation>
    </message>
    <message>
        <source>Comparing the traces…</source>
        <translation>正在比较链路…</translation>
    </message>
    <message>
        <source>%1, A %2, B %3, %4</source>
        <translation>%1，A %2，B %3，%4</translation>
    </message>
</context>
<context>
    <name>TraceIdField</name>
    <message>
        <source>Trace id, 32 hex digits</source>
        <translation>链路 ID，32 位十六进制数字</translation>
    </message>
    <message>
        <source>Trace id to open</source>
        <translation>要打开的链路 ID</translation>
    </message>
    <message>
        <source>That is not a trace id: it has 32 hexadecimal digits (0-9, a-f).</source>
        <translation>这不是链路 ID：链路 ID 由 32 位十六进制数字（0-9、a-f）组成。</translation>
    </message>
    <message>
        <source>Trace id to compare with</source>
        <translation>要比较的链路 ID</translation>
    </message>
</context>
<context>
    <name>TraceList</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n 个跨度</numerusform>
        </translation>
    </message>
    <message>
        <source>No traces yet</source>
        <translation>还没有链路</translation>
    </message>
    <message>
        <source>Point an OpenTelemetry SDK at Spanlight with this variable, or load demo data to look around.</source>
        <translation>用这个变量将 OpenTelemetry SDK 指向 Spanlight，或者加载演示数据来看看。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the OTLP endpoint variable</source>
        <translation>复制 OTLP 端点变量</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Compare with open trace</source>
        <translation>与打开的链路比较</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>Trace</source>
        <translation>链路详情</translation>
    </message>
    <message>
        <source>← %1</source>
        <translation>← %1</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>返回%1</translation>
    </message>
    <message>
        <source>Back to %1 (Alt+Left)</source>
        <translation>返回%1（Alt+Left）</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Copy the trace id</source>
        <translation>复制链路 ID</translation>
    </message>
    <message>
        <source>Opening the trace…</source>
        <translation>正在打开链路…</translation>
    </message>
    <message>
        <source>No trace open</source>
        <translation>没有打开的链路</translation>
    </message>
    <message>
        <source>Open a trace from the Traces page (Ctrl+2), the Dashboard&apos;s newest traces, an error or the slowest traces, or enter its id here. Ctrl+K opens a trace by its id on every page.</source>
        <translation>可从“链路”页（Ctrl+2）、仪表盘的最新链路、某个错误或最慢的链路中打开链路，也可以在这里输入它的 ID。在任何页面按 Ctrl+K 都可以按 ID 打开链路。</translation>
    </message>
    <message>
        <source>%1 · started %2</source>
        <translation>%1 · 开始于 %2</translation>
    </message>
    <message>
        <source>Export the trace as OTLP JSON</source>
        <translation>将链路导出为 OTLP JSON</translation>
    </message>
    <message>
        <source>OTLP JSON files (*.json)</source>
        <translation>OTLP JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Export OTLP JSON…</source>
        <translation>导出 OTLP JSON…</translation>
    </message>
    <message>
        <source>Export the trace as an OTLP JSON file</source>
        <translation>将链路导出为 OTLP JSON 文件</translation>
    </message>
    <message>
        <source>Save the trace as an OTLP/JSON export request (Ctrl+Shift+E)</source>
        <translation>将链路保存为 OTLP/JSON 导出请求（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>Compare the open trace with another</source>
        <translation>将打开的链路与另一条链路比较</translation>
    </message>
    <message>
        <source>The open trace is A, the baseline; this one is B. Enter compares; Escape closes. On the Traces page, Ctrl+Enter on a result compares it with the open trace.</source>
        <translation>打开的链路是 A（基线），这一条是 B。Enter 开始比较，Escape 关闭。在链路页面上，对结果按 Ctrl+Enter 即与打开的链路比较。</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>与…比较</translation>
    </message>
    <message>
        <source>Compare the trace with another trace</source>
        <translation>将此链路与另一条链路比较</translation>
    </message>
    <message>
        <source>No note on this trace</source>
        <translation>此追踪没有备注</translation>
    </message>
    <message>
        <source>What is notable about this trace?</source>
        <translation>这个追踪有什么值得注意的？</translation>
    </message>
    <message>
        <source>Note on the trace</source>
        <translation>追踪备注</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Write a note on this trace (Ctrl+Shift+N)</source>
        <translation>为此追踪写备注（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the note (Ctrl+Enter)</source>
        <translation>保存备注（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel editing the note</source>
        <translation>取消编辑备注</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除备注</translation>
    </message>
    <message>
        <source>Delete the note on this trace</source>
        <translation>删除此追踪的备注</translation>
    </message>
    <message>
        <source>Compare span durations with another trace (Ctrl+Shift+K)</source>
        <translation>与另一个追踪比较跨度耗时 (Ctrl+Shift+K)</translation>
    </message>
</context>
<context>
    <name>TracesView</name>
    <message>
        <source>Traces</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Search the last %1</source>
        <translation>搜索最近 %1</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Custom time range</source>
        <translation>自定义时间范围</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>From (local time)</source>
        <translation>开始时间（本地时间）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>To (local time)</source>
        <translation>结束时间（本地时间）</translation>
    </message>
    <message>
        <source>Min duration (ms)</source>
        <translation>最短耗时（毫秒）</translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation>例如 100</translation>
    </message>
    <message>
        <source>Minimum duration in milliseconds</source>
        <translation>最短耗时，单位毫秒</translation>
    </message>
    <message>
        <source>Max duration (ms)</source>
        <translation>最长耗时（毫秒）</translation>
    </message>
    <message>
        <source>e.g. 2000</source>
        <translation>例如 2000</translation>
    </message>
    <message>
        <source>Maximum duration in milliseconds</source>
        <translation>最长耗时，单位毫秒</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tags (root span)</source>
        <translation>标签（根跨度）</translation>
    </message>
    <message>
        <source>e.g. http.status_code=500</source>
        <translation>例如 http.status_code=500</translation>
    </message>
    <message>
        <source>Tags of the root span, key=value separated by spaces</source>
        <translation>根跨度的标签，key=value，用空格分隔</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>数量上限</translation>
    </message>
    <message>
        <source>Most traces to find</source>
        <translation>最多查找的链路数</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search traces</source>
        <translation>搜索链路</translation>
    </message>
    <message>
        <source>Duration over start time of the results; click a point to open its trace</source>
        <translation>结果的耗时随开始时间的分布；点击一个点打开对应的链路</translation>
    </message>
    <message>
        <source>Min spans</source>
        <translation>最少跨度</translation>
    </message>
    <message>
        <source>Fewest spans a trace has</source>
        <translation>追踪的最少跨度数</translation>
    </message>
    <message>
        <source>Max spans</source>
        <translation>最多跨度</translation>
    </message>
    <message>
        <source>Most spans a trace has</source>
        <translation>追踪的最多跨度数</translation>
    </message>
    <message>
        <source>Min errors</source>
        <translation>最少错误</translation>
    </message>
    <message>
        <source>Fewest failed spans a trace has</source>
        <translation>追踪的最少失败跨度数</translation>
    </message>
    <message>
        <source>Max errors</source>
        <translation>最多错误</translation>
    </message>
    <message>
        <source>Most failed spans a trace has</source>
        <translation>追踪的最多失败跨度数</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <source>None saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Saved searches; choosing one applies it</source>
        <translation>已保存的搜索；选择即应用</translation>
    </message>
    <message>
        <source>Name of this search</source>
        <translation>此搜索的名称</translation>
    </message>
    <message>
        <source>Name to save this search under</source>
        <translation>保存此搜索所用的名称</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the form as a search with this name</source>
        <translation>以此名称将表单保存为搜索</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename the chosen saved search to this name</source>
        <translation>将所选的已保存搜索重命名为此名称</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the chosen saved search</source>
        <translation>删除所选的已保存搜索</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Sorted by %1, largest first; press to flip</source>
        <translation>按%1排序，从大到小；按下以反转</translation>
    </message>
    <message>
        <source>Sorted by %1, smallest first; press to flip</source>
        <translation>按%1排序，从小到大；按下以反转</translation>
    </message>
    <message>
        <source>Sort the results by %1</source>
        <translation>按%1对结果排序</translation>
    </message>
    <message>
        <source>Has note</source>
        <translation>有备注</translation>
    </message>
    <message>
        <source>Only traces with a note</source>
        <translation>仅显示有备注的链路</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>No requests in this time range</source>
        <translation>此时间范围内没有请求</translation>
    </message>
</context>
<context>
    <name>TrendChartRow</name>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（毫秒）</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Error rate (%)</source>
        <translation>错误率（%）</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>Throughput (per second)</source>
        <translation>吞吐量（每秒）</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
</context>
<context>
    <name>Waterfall</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n 个跨度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 个服务</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, self time %2</source>
        <translation>%1，自身耗时 %2</translation>
    </message>
    <message>
        <source>Self time</source>
        <translation>自身耗时</translation>
    </message>
    <message>
        <source>Self time by service</source>
        <translation>按服务的自身耗时</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小 (-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel, or drag across the ruler)</source>
        <translation>放大（+、Ctrl+滚轮，或在标尺上拖动）</translation>
    </message>
    <message>
        <source>Zoom to span</source>
        <translation>缩放到跨度</translation>
    </message>
    <message>
        <source>Zoom to the selected span</source>
        <translation>缩放到所选跨度</translation>
    </message>
    <message>
        <source>Show the selected span across the width (Z)</source>
        <translation>让所选跨度占满宽度 (Z)</translation>
    </message>
    <message>
        <source>Whole trace</source>
        <translation>整个追踪</translation>
    </message>
    <message>
        <source>Show the whole trace</source>
        <translation>显示整个追踪</translation>
    </message>
    <message>
        <source>Show the whole trace (0)</source>
        <translation>显示整个追踪 (0)</translation>
    </message>
    <message>
        <source>Minimap of the trace; drag to choose the part shown</source>
        <translation>追踪缩略图；拖动以选择显示的部分</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertNotifier</name>
    <message>
        <source>Alert firing: %1</source>
        <translation>告警触发：%1</translation>
    </message>
    <message>
        <source>Alert resolved: %1</source>
        <translation>告警恢复：%1</translation>
    </message>
    <message>
        <source>every service</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%2 的%1：%3</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertRuleModel</name>
    <message>
        <source>error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>latency p50</source>
        <translation>延迟 p50</translation>
    </message>
    <message>
        <source>latency p95</source>
        <translation>延迟 p95</translation>
    </message>
    <message>
        <source>latency p99</source>
        <translation>延迟 p99</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>new error types</source>
        <translation>新错误类型</translation>
    </message>
    <message>
        <source>anomaly score</source>
        <translation>异常分数</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>every service</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>立即</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>observed %1</source>
        <translation>观测值 %1</translation>
    </message>
    <message>
        <source>resolved at %1</source>
        <translation>恢复时 %1</translation>
    </message>
    <message numerus="yes">
        <source>webhooks: %n delivered</source>
        <translation>
            <numerusform>Webhook：已送达 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::AlertTray</name>
    <message>
        <source>Show Spanlight</source>
        <translation>显示 Spanlight</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertsPage</name>
    <message>
        <source>All alerts</source>
        <translation>全部告警</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已恢复</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n 条规则</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n 条触发中</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading alerts…</source>
        <translation>正在加载告警…</translation>
    </message>
    <message>
        <source>Nothing is firing.</source>
        <translation>没有正在触发的告警。</translation>
    </message>
    <message>
        <source>No alert has fired yet.</source>
        <translation>还没有触发过告警。</translation>
    </message>
    <message>
        <source>Error rate above 5 %</source>
        <translation>错误率高于 5 %</translation>
    </message>
    <message>
        <source>For example: fire when the error rate of any service stays above 5 % for 5 minutes. The server checks every rule once a minute; the console tells you when one fires.</source>
        <translation>例如：任一服务的错误率持续 5 分钟高于 5 % 时触发。服务器每分钟检查一次每条规则；规则触发时控制台会通知您。</translation>
    </message>
</context>
<context>
    <name>spanlight::AnomalyMarkerModel</name>
    <message>
        <source>%1 anomaly in %2 %3 (%4): observed %5, expected %6</source>
        <translation>%2 %3 中的%1异常（%4）：观测值 %5，预期值 %6</translation>
    </message>
</context>
<context>
    <name>spanlight::AnomalyModel</name>
    <message>
        <source>observed %1</source>
        <translation>观测值 %1</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>预期值 %1</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>评分 %1</translation>
    </message>
    <message>
        <source>+%1 in %2 %3</source>
        <translation>%2 %3 中 +%1</translation>
    </message>
    <message>
        <source>Self time grew: %1</source>
        <translation>自身耗时增加：%1</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleController</name>
    <message>
        <source>Insights</source>
        <translation>洞察</translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation>未连接到服务器</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>%1 spans/s</source>
        <translation>%1 跨度/秒</translation>
    </message>
    <message>
        <source>Trace %1 is not (or no longer) stored</source>
        <translation>链路 %1 未被存储（或已不再存储）</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message numerus="yes">
        <source>Demo data loaded: %n span(s)</source>
        <translation>
            <numerusform>演示数据已加载：%n 个跨度</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>用时 %1 秒</translation>
    </message>
    <message>
        <source>Loading demo data failed: %1</source>
        <translation>加载演示数据失败：%1</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>正在加载演示数据…</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>链路详情</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n span(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个跨度导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Only local files can be imported: %1</source>
        <translation>只能导入本地文件：%1</translation>
    </message>
    <message>
        <source>Importing needs the embedded server&apos;s store.</source>
        <translation>导入需要内置服务器的存储。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln span(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %Ln 个跨度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln trace(s)).</source>
        <translation>
            <numerusform>（%Ln 条链路）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) were stored before that.</source>
        <translation>
            <numerusform>在此之前已存储 %Ln 个跨度。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) rejected: %1</source>
        <translation>
            <numerusform>%Ln 个跨度被拒绝：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>By %1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 bytes</source>
        <translation>备注太长：最多 %1 字节</translation>
    </message>
    <message>
        <source>The trace is no longer stored</source>
        <translation>该追踪已不再存储</translation>
    </message>
    <message>
        <source>Live from %1</source>
        <translation>实时：%1</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>备注未保存：%1</translation>
    </message>
    <message>
        <source>Open a trace first, then compare another trace with it</source>
        <translation>请先打开一个追踪，再将另一个追踪与之比较</translation>
    </message>
    <message>
        <source>The spans below could not be loaded</source>
        <translation>无法加载下方的跨度</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsolePage</name>
    <message>
        <source>15 min</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 小时</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleSettings</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <source>Local time (%1)</source>
        <translation>本地时间（%1）</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
</context>
<context>
    <name>spanlight::DashboardPage</name>
    <message>
        <source>Spans per second</source>
        <translation>每秒跨度数</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln 个跨度</numerusform>
        </translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation>每分钟 %1</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95 延迟</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln request(s) failed</source>
        <translation>
            <numerusform>%Ln 个请求中有 %1 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>p50 %1 · p99 %2</source>
        <translation>p50 %1 · p99 %2</translation>
    </message>
    <message>
        <source>No requests</source>
        <translation>没有请求</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No spans yet</source>
        <translation>还没有跨度</translation>
    </message>
    <message>
        <source>Nothing in the last 15 minutes</source>
        <translation>最近 15 分钟内没有数据</translation>
    </message>
    <message>
        <source>The console is not attached to a server, so there is nothing to show.</source>
        <translation>控制台没有连接到服务器，因此没有可显示的内容。</translation>
    </message>
    <message>
        <source>Zipkin and Jaeger clients work too; Settings (Ctrl+8) lists every endpoint.</source>
        <translation>Zipkin 和 Jaeger 客户端同样可用；“设置”页（Ctrl+8）列出了所有端点。</translation>
    </message>
    <message>
        <source>Point an OpenTelemetry SDK at Spanlight and these figures fill in within seconds: set the variable below in your service&apos;s environment.</source>
        <translation>将 OpenTelemetry SDK 指向 Spanlight，这些数字会在几秒内出现：在你的服务的环境中设置下面的变量。</translation>
    </message>
    <message numerus="yes">
        <source>The store holds %Ln trace(s) from earlier; the Traces page (Ctrl+2) lists them. New spans show up here within seconds.</source>
        <translation>
            <numerusform>存储中有 %Ln 条较早的链路，“链路”页（Ctrl+2）列出了它们。新的跨度会在几秒内显示在这里。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last 15 minutes · live, every %Ln second(s)</source>
        <translation>
            <numerusform>最近 15 分钟 · 实时，每 %Ln 秒刷新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::DependenciesPage</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln 次调用</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading the dependency graph…</source>
        <translation>正在加载依赖图…</translation>
    </message>
    <message>
        <source>No calls between services in this time range.</source>
        <translation>此时间范围内服务之间没有调用。</translation>
    </message>
    <message>
        <source>External system</source>
        <translation>外部系统</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>平均 %1</translation>
    </message>
    <message>
        <source>self %1</source>
        <translation>自身 %1</translation>
    </message>
</context>
<context>
    <name>spanlight::ErrorOriginModel</name>
    <message>
        <source>%1 of %2 errors start in %3: %4</source>
        <translation>%2 的错误中有 %1 始于 %3：%4</translation>
    </message>
    <message>
        <source>%1 of the errors start in %2: %3</source>
        <translation>%1 的错误始于 %2：%3</translation>
    </message>
</context>
<context>
    <name>spanlight::ErrorsPage</name>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>所有严重程度</translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln 个分组</numerusform>
        </translation>
    </message>
    <message>
        <source>Groups count the newest %1 errors of %2.</source>
        <translation>分组统计的是 %2 个错误中最新的 %1 个。</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading errors…</source>
        <translation>正在加载错误…</translation>
    </message>
    <message>
        <source>No errors in this time range. Good.</source>
        <translation>此时间范围内没有错误，很好。</translation>
    </message>
</context>
<context>
    <name>spanlight::IngestSenderModel</name>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>(no service known)</source>
        <translation>（服务未知）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个无效</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln over the request limit</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个超出请求上限</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sampled out</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个被采样丢弃</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rate-limited</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个被限流</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused while overloaded</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个因过载被拒绝</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not stored (store failure)</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln 个未存储（存储失败）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln malformed request(s)</source>
        <translation>
            <numerusform>%Ln 个格式错误的请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln oversized request(s)</source>
        <translation>
            <numerusform>%Ln 个过大的请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unauthorized request(s)</source>
        <translation>
            <numerusform>%Ln 个未授权的请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsupported request(s)</source>
        <translation>
            <numerusform>%Ln 个不支持的请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) refused while busy</source>
        <translation>
            <numerusform>%Ln 个请求因繁忙被拒绝</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::InsightModels</name>
    <message numerus="yes">
        <source>in %n trace(s)</source>
        <translation>
            <numerusform>在 %n 条链路中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95 延迟</translation>
    </message>
    <message>
        <source>p50 latency</source>
        <translation>p50 延迟</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
</context>
<context>
    <name>spanlight::InsightsPage</name>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly(s)</source>
        <translation>
            <numerusform>%n 个异常</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n regression(s)</source>
        <translation>
            <numerusform>%n 个回归</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s)</source>
        <translation>
            <numerusform>%n 条建议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error origin(s)</source>
        <translation>
            <numerusform>%n 个错误源头</numerusform>
        </translation>
    </message>
    <message>
        <source>No errors in this time range.</source>
        <translation>此时间范围内没有错误。</translation>
    </message>
    <message numerus="yes">
        <source>Each of the %n error(s) followed down its trace to the span where it started.</source>
        <translation>
            <numerusform>全部 %n 个错误都已沿其链路追溯到起始的 span。</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest %1 of %2 errors followed down their traces to the span where they started.</source>
        <translation>最新的 %1 个错误（共 %2 个）已沿其链路追溯到起始的 span。</translation>
    </message>
    <message numerus="yes">
        <source>From the newest %n trace(s) of the time range.</source>
        <translation>
            <numerusform>来自此时间范围内最新的 %n 条链路。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Nothing unusual in this time range. This page compares every operation&apos;s latency, error rate and throughput with its own recent baseline, compares them before and after a service.version change, checks the traces for N+1 calls, sequential calls that could run in parallel, slow statements, retry storms, large fan-out and uninstrumented time, and follows errors to the span where they start. Pick a longer range, or send more traffic: Settings (Ctrl+8) lists the endpoints.</source>
        <translation>此时间范围内没有异常情况。此页面将每个操作的延迟、错误率和吞吐量与其自身近期的基线比较，比较 service.version 变更前后的差异，检查链路中的 N+1 调用、可以并行的顺序调用、慢语句、重试风暴、大量扇出和未插桩时间，并把错误追溯到其起始的 span。请选择更长的时间范围，或发送更多流量：设置（Ctrl+8）列出了各端点。</translation>
    </message>
</context>
<context>
    <name>spanlight::PerformancePage</name>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Requests of every service</source>
        <translation>所有服务的请求</translation>
    </message>
    <message>
        <source>Requests of %1</source>
        <translation>%1 的请求</translation>
    </message>
    <message>
        <source>Every span of %1 in %2</source>
        <translation>%2 中 %1 的所有跨度</translation>
    </message>
    <message>
        <source>one point per %1</source>
        <translation>每 %1 一个点</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No spans in this time range. Pick a longer range, or send spans: Settings (Ctrl+8) lists the endpoints.</source>
        <translation>此时间范围内没有跨度。请选择更长的时间范围，或者发送跨度：“设置”页（Ctrl+8）列出了各个端点。</translation>
    </message>
</context>
<context>
    <name>spanlight::RecommendationModel</name>
    <message>
        <source>N+1 calls</source>
        <translation>N+1 调用</translation>
    </message>
    <message>
        <source>Sequential calls</source>
        <translation>顺序调用</translation>
    </message>
    <message>
        <source>Slow statement</source>
        <translation>慢语句</translation>
    </message>
    <message>
        <source>Retry storm</source>
        <translation>重试风暴</translation>
    </message>
    <message>
        <source>Large fan-out</source>
        <translation>大量扇出</translation>
    </message>
    <message>
        <source>Uninstrumented time</source>
        <translation>未插桩时间</translation>
    </message>
    <message>
        <source>saves ~%1 per trace</source>
        <translation>每条链路节省约 %1</translation>
    </message>
</context>
<context>
    <name>spanlight::RegressionModel</name>
    <message>
        <source>level shift</source>
        <translation>水平偏移</translation>
    </message>
    <message>
        <source>no version</source>
        <translation>无版本</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
</context>
<context>
    <name>spanlight::RemoteConnection</name>
    <message>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Attached to %1. Demo data and file import are off: they write to the local store.</source>
        <translation>已连接到 %1。演示数据和文件导入已关闭：它们会写入本地存储。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://spanlight.example:8007</source>
        <translation>请输入服务器地址，例如 https://spanlight.example:8007</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>%1 的状态</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Traces stored</source>
        <translation>已存储的链路</translation>
    </message>
    <message>
        <source>Active traces (last 5 minutes)</source>
        <translation>活动链路（最近 5 分钟）</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
</context>
<context>
    <name>spanlight::RemoteTraceSource</name>
    <message>
        <source>not an http:// or https:// address: %1</source>
        <translation>不是 http:// 或 https:// 地址：%1</translation>
    </message>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>the answer of %1 is larger than %2 MB</source>
        <translation>%1 的响应大于 %2 MB</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 在 %2 秒内没有响应</translation>
    </message>
    <message>
        <source>TLS failure with %1: %2</source>
        <translation>与 %1 的 TLS 错误：%2</translation>
    </message>
    <message>
        <source>%1 refused the token (401): %2</source>
        <translation>%1 拒绝了令牌 (401)：%2</translation>
    </message>
    <message>
        <source>the token may not read from %1 (403): %2</source>
        <translation>该令牌无权从 %1 读取 (403)：%2</translation>
    </message>
    <message>
        <source>%1 answered %2 to %3: %4</source>
        <translation>%1 对 %3 返回 %2：%4</translation>
    </message>
    <message>
        <source>%1 refused the connection (is spanlightd running there?)</source>
        <translation>%1 拒绝了连接（那里运行着 spanlightd 吗？）</translation>
    </message>
    <message>
        <source>no host named %1</source>
        <translation>没有名为 %1 的主机</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>无法访问 %1：%2</translation>
    </message>
    <message>
        <source>%1 did not answer %2 with a JSON object: %3</source>
        <translation>%1 对 %2 的响应不是 JSON 对象：%3</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>the server has no trend granularity of %1 s</source>
        <translation>服务器没有 %1 秒的趋势粒度</translation>
    </message>
    <message>
        <source>the token may not make changes on %1 (403): %2</source>
        <translation>该令牌无权在 %1 上修改（403）：%2</translation>
    </message>
</context>
<context>
    <name>spanlight::ServiceTableModel</name>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
</context>
<context>
    <name>spanlight::ServicesPage</name>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Loading services…</source>
        <translation>正在加载服务…</translation>
    </message>
    <message>
        <source>No services yet. They appear as soon as spans arrive.</source>
        <translation>还没有服务。收到跨度后它们就会出现。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>平均 %1</translation>
    </message>
    <message>
        <source>Requests of %1 · one point per %2</source>
        <translation>%1 的请求 · 每 %2 一个点</translation>
    </message>
</context>
<context>
    <name>spanlight::SettingsPage</name>
    <message>
        <source>OTLP/HTTP (most SDKs)</source>
        <translation>OTLP/HTTP（大多数 SDK）</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin v2</source>
        <translation>Zipkin v2</translation>
    </message>
    <message>
        <source>Jaeger (Thrift over HTTP)</source>
        <translation>Jaeger（基于 HTTP 的 Thrift）</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>API_TOKEN is set in the environment or by a flag, so it can only be changed there.</source>
        <translation>API_TOKEN 由环境变量或命令行选项设置，因此只能在那里修改。</translation>
    </message>
    <message>
        <source>Regenerating replaces the token at once: clients that send the old one get 401.</source>
        <translation>重新生成会立即替换令牌：仍发送旧令牌的客户端会收到 401。</translation>
    </message>
    <message>
        <source>The token was not replaced: %1</source>
        <translation>令牌未被替换：%1</translation>
    </message>
    <message>
        <source>A new token is in use; the old one is refused from now on. Clients need the new one.</source>
        <translation>新令牌已启用；从现在起旧令牌将被拒绝。客户端需要使用新令牌。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln 个跨度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention (TRACE_RETENTION_DAYS)</source>
        <translation>保留期限（TRACE_RETENTION_DAYS）</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Sampling (TRACE_SAMPLING_RATE)</source>
        <translation>采样（TRACE_SAMPLING_RATE）</translation>
    </message>
    <message>
        <source>every trace</source>
        <translation>全部链路</translation>
    </message>
    <message>
        <source>%1 of the traces; error spans are always kept</source>
        <translation>%1 的链路；错误跨度始终保留</translation>
    </message>
    <message>
        <source>Rate limit (MAX_TRACES_PER_SECOND)</source>
        <translation>速率限制（MAX_TRACES_PER_SECOND）</translation>
    </message>
    <message>
        <source>%1 traces per second</source>
        <translation>每秒 %1 条链路</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>转发</translation>
    </message>
</context>
<context>
    <name>spanlight::SingleInstance</name>
    <message>
        <source>The running console did not answer: %1</source>
        <translation>正在运行的控制台没有响应：%1</translation>
    </message>
    <message>
        <source>The running console gave an unexpected answer.</source>
        <translation>正在运行的控制台给出了意外的响应。</translation>
    </message>
</context>
<context>
    <name>spanlight::SpanDetailsModel</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Instrumentation scope</source>
        <translation>插桩范围</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceCompare</name>
    <message>
        <source>Trace %1 is not (or no longer) stored</source>
        <translation>链路 %1 未被存储（或已不再存储）</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n span(s)</source>
        <translation>
            <numerusform>%1 · %n 个跨度</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 matched · %2 only in A · %3 only in B</source>
        <translation>%1 个匹配 · %2 个仅在 A 中 · %3 个仅在 B 中</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceCompareModel</name>
    <message>
        <source>only in A</source>
        <translation>仅在 A 中</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>仅在 B 中</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceExport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>spanlight::TracesPage</name>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Min duration is not a number of milliseconds: %1</source>
        <translation>最短耗时不是毫秒数：%1</translation>
    </message>
    <message>
        <source>Max duration is not a number of milliseconds: %1</source>
        <translation>最长耗时不是毫秒数：%1</translation>
    </message>
    <message>
        <source>Min duration is larger than max duration</source>
        <translation>最短耗时大于最长耗时</translation>
    </message>
    <message>
        <source>Tags are written key=value, separated by spaces; quote values with spaces: %1</source>
        <translation>标签的写法是 key=value，用空格分隔；含空格的值请加引号：%1</translation>
    </message>
    <message>
        <source>Times are written like %1</source>
        <translation>时间的写法如 %1</translation>
    </message>
    <message>
        <source>From must be before to</source>
        <translation>开始时间必须早于结束时间</translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 traces</source>
        <translation>%2 条链路中的 %1 条</translation>
    </message>
    <message>
        <source>the slowest</source>
        <translation>最慢的</translation>
    </message>
    <message>
        <source>the newest</source>
        <translation>最新的</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No traces match this search. Try a wider time range or fewer filters.</source>
        <translation>没有与此搜索匹配的链路。请尝试更长的时间范围或更少的筛选条件。</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>跨度</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>A saved search needs a name</source>
        <translation>已保存的搜索需要名称</translation>
    </message>
    <message>
        <source>Min spans</source>
        <translation>最少跨度</translation>
    </message>
    <message>
        <source>Max spans</source>
        <translation>最多跨度</translation>
    </message>
    <message>
        <source>Min errors</source>
        <translation>最少错误</translation>
    </message>
    <message>
        <source>Max errors</source>
        <translation>最多错误</translation>
    </message>
    <message>
        <source>%1 is not a whole number of 0 or more: %2</source>
        <translation>%1 不是大于等于 0 的整数：%2</translation>
    </message>
    <message>
        <source>Min spans is larger than max spans</source>
        <translation>最少跨度大于最多跨度</translation>
    </message>
    <message>
        <source>Min errors is larger than max errors</source>
        <translation>最少错误大于最多错误</translation>
    </message>
    <message>
        <source>the oldest</source>
        <translation>最早的</translation>
    </message>
    <message>
        <source>the fastest</source>
        <translation>最快的</translation>
    </message>
    <message>
        <source>the fewest spans</source>
        <translation>跨度最少的</translation>
    </message>
    <message>
        <source>the fewest errors</source>
        <translation>错误最少的</translation>
    </message>
    <message>
        <source>the most spans</source>
        <translation>跨度最多的</translation>
    </message>
    <message>
        <source>the most errors</source>
        <translation>错误最多的</translation>
    </message>
</context>
<context>
    <name>spanlight::TrendChartData</name>
    <message>
        <source>↑ rising</source>
        <translation>↑ 上升</translation>
    </message>
    <message>
        <source>↓ falling</source>
        <translation>↓ 下降</translation>
    </message>
    <message>
        <source>→ stable</source>
        <translation>→ 平稳</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
</context>
<context>
    <name>spanlight::WaterfallModel</name>
    <message>
        <source>%1 × %2</source>
        <extracomment>A row standing for repeated sibling spans: operation name and how many</extracomment>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 total</source>
        <extracomment>The summed duration of a group of repeated spans</extracomment>
        <translation>共 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 failed</source>
        <translation>
            <numerusform>%1 个中有 %n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>showing %1 – %2 of %3</source>
        <translation>显示 %1 – %2，共 %3</translation>
    </message>
    <message>
        <source>%1 %2 spans of %3: %4 in total over %5</source>
        <extracomment>The span details of a group row: members, operation, service, summed duration, extent</extracomment>
        <translation>%3 的 %1 个 %2 跨度：共 %4，跨越 %5</translation>
    </message>
    <message>
        <source>; below, the first of them</source>
        <extracomment>After a group&apos;s summary: the details shown are of its first member</extracomment>
        <translation>；下面显示其中第一个</translation>
    </message>
    <message numerus="yes">
        <source>%n more spans — expand to load</source>
        <extracomment>A waterfall row standing for the spans below a span that are not loaded yet</extracomment>
        <translation>
            <numerusform>还有 %n 个跨度 — 展开以加载</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n spans below %1 are not loaded yet; press Enter to load them</source>
        <extracomment>The span details of a &quot;more&quot; row: how many spans below which span are not loaded yet</extracomment>
        <translation>
            <numerusform>%1 下方还有 %n 个跨度尚未加载；按 Enter 键加载</numerusform>
        </translation>
    </message>
</context>
</TS>

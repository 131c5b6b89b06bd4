{{/* Chart name, overridable. */}}
{{- define "camgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object name: release and chart, unless the release already carries the chart's name. */}}
{{- define "camgate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the pods; never change across upgrades. */}}
{{- define "camgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "camgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "camgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "camgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "camgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "camgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding access keys: the chart's own, or the one named in existingSecret. */}}
{{- define "camgate.secretName" -}}
{{- default (printf "%s-keys" (include "camgate.fullname" .)) .Values.secrets.existingSecret.name }}
{{- end }}

{{/* The file names mounted under secrets/ in the configuration directory. */}}
{{- define "camgate.secretKeys" -}}
{{- if and .Values.secrets.existingSecret.name .Values.secrets.keys }}
{{- fail "give secrets.keys or secrets.existingSecret, not both: only one Secret is mounted under secrets/" }}
{{- end }}
{{- if .Values.secrets.existingSecret.name }}
{{- toJson .Values.secrets.existingSecret.keys }}
{{- else }}
{{- toJson (keys .Values.secrets.keys | sortAlpha) }}
{{- end }}
{{- end }}

{{/*
A camgate duration (500ms, 30s, 15m, 2h, 7d) in whole seconds, rounded up.
*/}}
{{- define "camgate.seconds" -}}
{{- $text := toString . }}
{{- if not (regexMatch "^[0-9]+(ms|s|m|h|d)$" $text) }}
{{- fail (printf "%q is not a duration such as 500ms, 30s, 15m, 2h or 7d" $text) }}
{{- end }}
{{- $n := regexFind "^[0-9]+" $text | int64 }}
{{- $unit := regexFind "[a-z]+$" $text }}
{{- if eq $unit "ms" }}{{ div (add $n 999) 1000 }}
{{- else if eq $unit "s" }}{{ $n }}
{{- else if eq $unit "m" }}{{ mul $n 60 }}
{{- else if eq $unit "h" }}{{ mul $n 3600 }}
{{- else }}{{ mul $n 86400 }}
{{- end }}
{{- end }}

{{/* The termination grace period: long enough for the preStop pause and the drain. */}}
{{- define "camgate.terminationGracePeriod" -}}
{{- $drain := include "camgate.seconds" (.Values.camgate.listen.shutdownTimeout | default "30s") | int64 }}
{{- $needed := add .Values.shutdown.preStopSleepSeconds $drain }}
{{- $given := .Values.shutdown.terminationGracePeriodSeconds | int64 }}
{{- if eq $given 0 }}
{{- add $needed 10 }}
{{- else if le $given $needed }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d) must exceed the preStop pause plus camgate.listen.shutdownTimeout (%d s)" $given $needed) }}
{{- else }}
{{- $given }}
{{- end }}
{{- end }}

{{/* Processors for the JVM: the value given, or the CPU request rounded up to a whole core. */}}
{{- define "camgate.processors" -}}
{{- if .Values.activeProcessorCount }}
{{- .Values.activeProcessorCount }}
{{- else }}
{{- $cpu := toString (dig "requests" "cpu" "1" .Values.resources) }}
{{- if hasSuffix "m" $cpu }}
{{- max 1 (ceil (divf (trimSuffix "m" $cpu) 1000)) }}
{{- else }}
{{- max 1 (ceil $cpu) }}
{{- end }}
{{- end }}
{{- end }}

{{/* camgate.yaml as the pods read it; TLS file names are filled in when tls.enabled. */}}
{{- define "camgate.camgateYaml" -}}
{{- $c := deepCopy .Values.camgate }}
{{- $sections := list "listen" "admin" }}
{{- if $c.ingress }}
{{- $sections = append $sections "ingress" }}
{{- if not $c.ingress.port }}
{{- fail "camgate.ingress needs a port (or leave camgate.ingress empty for no ingress listener)" }}
{{- end }}
{{- if or (eq (int $c.ingress.port) (int $c.listen.port)) (eq (int $c.ingress.port) (int $c.admin.port)) }}
{{- fail "camgate.ingress.port must differ from camgate.listen.port and camgate.admin.port" }}
{{- end }}
{{- else }}
{{- $_ := unset $c "ingress" }}
{{- end }}
{{- range $section := $sections }}
{{- $address := toString (dig $section "address" "" $c) }}
{{- if or (eq $address "") (hasPrefix "127." $address) (eq $address "localhost") (eq $address "::1") }}
{{- fail (printf "camgate.%s.address must be a non-loopback address such as 0.0.0.0, not %q: the kubelet and the Service reach the pod on its own IP" $section $address) }}
{{- end }}
{{- end }}
{{- if eq (int $c.listen.port) (int $c.admin.port) }}
{{- fail "camgate.listen.port and camgate.admin.port must differ" }}
{{- end }}
{{- if .Values.tls.enabled }}
{{- if not .Values.tls.secretName }}
{{- fail "tls.enabled needs tls.secretName (a kubernetes.io/tls Secret)" }}
{{- end }}
{{- $_ := set $c.listen "tls" (dict "certificate" "tls/gateway.pem" "key" "tls/gateway.key") }}
{{- end }}
{{- if .Values.shadow.enabled }}
{{- $_ := set $c "shadow" "../config-next" }}
{{- end }}
{{- with .Values.sharedLimits }}
{{- if .uri }}
{{- $redis := dict "uri" .uri "timeout" .timeout }}
{{- if .passwordSecret }}
{{- $_ := set $redis "passwordFile" "redis/password" }}
{{- end }}
{{- if .caSecret }}
{{- $_ := set $redis "caFile" "redis/ca.pem" }}
{{- end }}
{{- $replicas := ternary $.Values.autoscaling.minReplicas $.Values.replicaCount $.Values.autoscaling.enabled }}
{{- $_ := set $c "limits" (dict "redis" $redis "replicas" (int $replicas) "exactBelow" (int .exactBelow)) }}
{{- end }}
{{- end }}
{{- with .Values.store }}
{{- if .enabled }}
{{- if not .endpoints }}
{{- fail "store.enabled needs store.endpoints (etcd client URLs)" }}
{{- end }}
{{- if and .user (not .authSecret) }}
{{- fail "store.user needs store.authSecret (a Secret with the key password)" }}
{{- end }}
{{- $s := dict "endpoints" .endpoints "prefix" .prefix "workDir" "/tmp/camgate-store" "allowStaleStart" .allowStaleStart }}
{{- if .user }}
{{- $_ := set $s "user" .user }}
{{- $_ := set $s "passwordFile" "store/password" }}
{{- end }}
{{- if .tlsSecret }}
{{- $tls := dict "ca" "store/ca.crt" }}
{{- if .clientCertificate }}
{{- $_ := set $tls "cert" "store/tls.crt" }}
{{- $_ := set $tls "key" "store/tls.key" }}
{{- end }}
{{- $_ := set $s "tls" $tls }}
{{- end }}
{{- if .sealKeySecret }}
{{- $_ := set $s "sealKeyFile" "store/seal.key" }}
{{- end }}
{{- $_ := set $c "store" $s }}
{{- end }}
{{- end }}
{{- toYaml $c }}
{{- end }}

{{/*
The values camgate reads from the chart's own Secret only when it starts: the routes' access
keys (secretKeyFile: secrets/NAME) and the admin listener's operator token (tokenFile). Neither
is reloaded in place, so a change to these restarts the pods.
*/}}
{{- define "camgate.startupKeys" -}}
{{- $files := list }}
{{- range .Values.camgate.routes }}
{{- with .secretKeyFile }}
{{- $files = append $files . }}
{{- end }}
{{- end }}
{{- with .Values.camgate.admin.tokenFile }}
{{- $files = append $files . }}
{{- end }}
{{- range $files }}
{{- $name := trimPrefix "secrets/" (toString .) }}
{{- printf "%s=%s\n" $name (get $.Values.secrets.keys $name | toString) }}
{{- end }}
{{- end }}

{{/* A config document: a string is taken as written, anything else becomes JSON. */}}
{{- define "camgate.document" -}}
{{- if kindIs "string" . }}
{{- trim . }}
{{- else }}
{{- toPrettyJson . }}
{{- end }}
{{- end }}

{{/* ConfigMap data for a directory's accounts.yaml and policies (config.* or shadow.*). */}}
{{- define "camgate.directoryFiles" -}}
accounts.yaml: |
  {{- if kindIs "string" .accounts }}
  {{- trim .accounts | nindent 2 }}
  {{- else }}
  {{- toYaml .accounts | nindent 2 }}
  {{- end }}
{{- range $file, $doc := .policies }}
{{- include "camgate.checkFileName" $file }}
policies_{{ $file }}: |
  {{- include "camgate.document" $doc | nindent 2 }}
{{- end }}
{{- range $file, $doc := .bucketPolicies }}
{{- include "camgate.checkFileName" $file }}
bucket-policies_{{ $file }}: |
  {{- include "camgate.document" $doc | nindent 2 }}
{{- end }}
{{- end }}

{{/* The bytes of a directory's files as its ConfigMap stores them (config.* or shadow.*). */}}
{{- define "camgate.directorySize" -}}
{{- $size := len (include "camgate.directoryFiles" (dict "accounts" .accounts)) }}
{{- range $_, $doc := .policies }}
{{- $size = add $size (len (include "camgate.document" $doc)) }}
{{- end }}
{{- range $_, $doc := .bucketPolicies }}
{{- $size = add $size (len (include "camgate.document" $doc)) }}
{{- end }}
{{- $size }}
{{- end }}

{{/* Kubernetes stores at most 1 MiB in one ConfigMap: refuse at render time rather than at apply time. */}}
{{- define "camgate.checkConfigMapSize" -}}
{{- if gt (int .size) 1048576 }}
{{- fail (printf "%s.* renders a ConfigMap of %d bytes, more than the 1 MiB (1048576 bytes) Kubernetes stores in one; see \"Large policy sets\" in the chart README" .name (int .size)) }}
{{- end }}
{{- end }}

{{/* Projected-volume items putting those ConfigMap keys back at their paths. */}}
{{- define "camgate.directoryItems" -}}
- key: accounts.yaml
  path: accounts.yaml
{{- range $file, $_ := .policies }}
- key: policies_{{ $file }}
  path: policies/{{ $file }}
{{- end }}
{{- range $file, $_ := .bucketPolicies }}
- key: bucket-policies_{{ $file }}
  path: bucket-policies/{{ $file }}
{{- end }}
{{- end }}

{{/* The access-key Secret as a projected-volume source: each key at secrets/<key>. */}}
{{- define "camgate.secretSource" -}}
{{- $keys := include "camgate.secretKeys" . | fromJsonArray }}
{{- if $keys }}
- secret:
    name: {{ include "camgate.secretName" . }}
    items:
      {{- range $keys }}
      - key: {{ . }}
        path: secrets/{{ . }}
      {{- end }}
{{- end }}
{{- end }}

{{/* ConfigMap keys cannot hold "/": policies/NAME is stored under policies_NAME. */}}
{{- define "camgate.checkFileName" -}}
{{- if not (regexMatch "^[-._a-zA-Z0-9]+$" .) }}
{{- fail (printf "%q: configuration file names may hold only letters, digits, '-', '_' and '.'" .) }}
{{- end }}
{{- end }}

{{/* The store's Secrets (etcd password, etcd TLS, seal key), mounted under store/ in the configuration directory. */}}
{{- define "camgate.storeSources" -}}
{{- with .Values.store }}
{{- if .enabled }}
{{- if .authSecret }}
- secret:
    name: {{ .authSecret }}
    items:
      - key: password
        path: store/password
{{- end }}
{{- if .tlsSecret }}
- secret:
    name: {{ .tlsSecret }}
    items:
      - key: ca.crt
        path: store/ca.crt
      {{- if .clientCertificate }}
      - key: tls.crt
        path: store/tls.crt
      - key: tls.key
        path: store/tls.key
      {{- end }}
{{- end }}
{{- if .sealKeySecret }}
- secret:
    name: {{ .sealKeySecret }}
    items:
      - key: seal.key
        path: store/seal.key
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Names and labels.
*/}}
{{- define "rxgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "rxgate.fullname" -}}
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

{{/* A name derived from the full name with a suffix, kept within 63 characters. */}}
{{- define "rxgate.suffixed" -}}
{{- $base := include "rxgate.fullname" .root | trunc (int (sub 62 (len .suffix))) | trimSuffix "-" }}
{{- printf "%s-%s" $base .suffix }}
{{- end }}

{{- define "rxgate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "rxgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rxgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "rxgate.labels" -}}
helm.sh/chart: {{ include "rxgate.chart" . }}
{{ include "rxgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The `helm test` pod: without app.kubernetes.io/name, so that no Service, PDB or spread
constraint of the release selects it.
*/}}
{{- define "rxgate.testLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end }}

{{- define "rxgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rxgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "rxgate.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Secret mounts. Each kind of file gets its own directory; the pod sees only the Secret keys
that cells and admin refer to, each under a file name derived from the cell's name.
*/}}
{{- define "rxgate.keysDir" -}}/etc/rxgate/keys{{- end }}
{{- define "rxgate.tokensDir" -}}/etc/rxgate/tokens{{- end }}
{{- define "rxgate.adminDir" -}}/etc/rxgate/admin{{- end }}

{{- define "rxgate.createsSecret" -}}
{{- $c := .Values.secrets.create }}
{{- if and (not .Values.secrets.existingSecret) (or $c.keyFiles $c.tokenFiles $c.adminTokens) }}true{{- end }}
{{- end }}

{{- define "rxgate.secretName" -}}
{{- default (include "rxgate.suffixed" (dict "root" . "suffix" "secrets")) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Checks across values that the JSON schema cannot express. Fails the render with a message
naming the value.
*/}}
{{- define "rxgate.validate" -}}
{{- $c := .Values.secrets.create }}
{{- if and .Values.secrets.existingSecret (or $c.keyFiles $c.tokenFiles $c.adminTokens) }}
{{- fail "secrets: set either secrets.existingSecret or secrets.create.*, not both" }}
{{- end }}
{{- $seen := dict }}
{{- range $kind := list "keyFiles" "tokenFiles" "adminTokens" }}
{{- range $key, $_ := index $c $kind }}
{{- if hasKey $seen $key }}
{{- fail (printf "secrets.create.%s: key %q is also in secrets.create.%s; one Secret holds them all, so keys must differ" $kind $key (index $seen $key)) }}
{{- end }}
{{- $_ := set $seen $key $kind }}
{{- end }}
{{- end }}
{{- $names := dict }}
{{- range $i, $cell := .Values.cells }}
{{- if hasKey $names $cell.name }}
{{- fail (printf "cells[%d].name: cell %q is listed twice" $i $cell.name) }}
{{- end }}
{{- $_ := set $names $cell.name true }}
{{- $refs := list }}
{{- if $cell.keyFile }}{{ $refs = append $refs (list "keyFile" $cell.keyFile.secretKey $c.keyFiles) }}{{ end }}
{{- if $cell.tokenFile }}{{ $refs = append $refs (list "tokenFile" $cell.tokenFile.secretKey $c.tokenFiles) }}{{ end }}
{{- range $refs }}
{{- if not (or $.Values.secrets.existingSecret (hasKey (index . 2) (index . 1))) }}
{{- fail (printf "cells[%d].%s.secretKey: %q is neither in secrets.create nor can come from secrets.existingSecret (unset)" $i (index . 0) (index . 1)) }}
{{- end }}
{{- end }}
{{- if and (eq $cell.readAccess "token") (not $.Values.admin.enabled) }}
{{- fail (printf "cells[%d].readAccess: token needs admin.enabled (reads are checked against the admin tokens)" $i) }}
{{- end }}
{{- end }}
{{- if and .Values.admin.enabled (not (or .Values.secrets.existingSecret (hasKey $c.adminTokens .Values.admin.tokenFile.secretKey))) }}
{{- fail (printf "admin.tokenFile.secretKey: %q is not in secrets.create.adminTokens and secrets.existingSecret is unset" .Values.admin.tokenFile.secretKey) }}
{{- end }}
{{- if gt (int (include "rxgate.seconds" .Values.shutdown.abortAfter)) (int (include "rxgate.seconds" .Values.shutdown.timeout)) }}
{{- fail (printf "shutdown.abortAfter (%s) must not exceed shutdown.timeout (%s)" .Values.shutdown.abortAfter .Values.shutdown.timeout) }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) }}
{{- fail "podDisruptionBudget: set one of maxUnavailable and minAvailable (the other null)" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- end }}

{{/*
A duration of the form the schema allows (e.g. 500ms, 20s, 2m) in whole seconds, rounded up.
*/}}
{{- define "rxgate.seconds" -}}
{{- $d := toString . }}
{{- if hasSuffix "ms" $d }}
{{- div (add (trimSuffix "ms" $d | int) 999) 1000 }}
{{- else if hasSuffix "s" $d }}
{{- trimSuffix "s" $d | int }}
{{- else if hasSuffix "m" $d }}
{{- mul (trimSuffix "m" $d | int) 60 }}
{{- else }}
{{- fail (printf "%q is not a duration like 500ms, 20s or 2m" $d) }}
{{- end }}
{{- end }}

{{/* terminationGracePeriodSeconds: preStop sleep, then the shutdown phase, then a margin. */}}
{{- define "rxgate.terminationGracePeriodSeconds" -}}
{{- add (int .Values.shutdown.preStopSleepSeconds) (int (include "rxgate.seconds" .Values.shutdown.timeout)) (int .Values.shutdown.marginSeconds) }}
{{- end }}

{{/*
The application configuration (application.yaml), as YAML. Every key under rxgate is a
property of the gateway (RxgateProperties, TransportProperties in gateway-app); Spring would
ignore a misspelt one silently, so the chart's tests list the gateway's property paths and
check the rendered keys against them. Empty lists are left out (the gateway's default is the
empty list; with no cell it serves its embedded demo cell).
*/}}
{{- define "rxgate.applicationConfig" -}}
{{- $cells := list }}
{{- range .Values.cells }}
{{- $cell := dict "name" .name "db-servers" .dbServers "security" .security "read-access" .readAccess }}
{{- if .keyFile }}
{{- $_ := set $cell "key-file" (printf "%s/%s.KeyFile" (include "rxgate.keysDir" $) .name) }}
{{- end }}
{{- if not (kindIs "invalid" .kvno) }}
{{- $_ := set $cell "kvno" .kvno }}
{{- end }}
{{- if .tokenFile }}
{{- $_ := set $cell "token-file" (printf "%s/%s" (include "rxgate.tokensDir" $) .name) }}
{{- end }}
{{- $cells = append $cells $cell }}
{{- end }}
{{- $admin := dict "enabled" .Values.admin.enabled }}
{{- if .Values.admin.enabled }}
{{- $_ := set $admin "token-file" (printf "%s/tokens" (include "rxgate.adminDir" .)) }}
{{- end }}
{{- $rxgate := dict
  "transport" (dict
    "port" .Values.rxrpc.port
    "dead-time" .Values.rxrpc.deadTime
    "max-calls" .Values.rxrpc.maxCalls
    "nat-keepalive" .Values.rxrpc.natKeepalive)
  "pool" (dict
    "max-connections-per-server" .Values.pool.maxConnectionsPerServer
    "max-waiting-calls-per-server" .Values.pool.maxWaitingCallsPerServer
    "max-servers" .Values.pool.maxServers
    "idle-timeout" .Values.pool.idleTimeout)
  "call" (dict
    "timeout" .Values.call.timeout
    "transfer-idle-timeout" .Values.call.transferIdleTimeout)
  "shutdown" (dict "abort-after" .Values.shutdown.abortAfter)
  "files" (dict "max-upload-size" .Values.files.maxUploadSize)
  "admin" $admin
}}
{{- if $cells }}
{{- $_ := set $rxgate "cells" $cells }}
{{- end }}
{{- if .Values.debug.allowedServers }}
{{- $_ := set $rxgate "debug" (dict "allowed-servers" .Values.debug.allowedServers) }}
{{- end }}
{{- $chart := dict
  "server" (dict "port" .Values.ports.http "shutdown" "graceful")
  "spring" (dict
    "grpc" (dict "server" (dict "port" .Values.ports.grpc))
    "lifecycle" (dict "timeout-per-shutdown-phase" .Values.shutdown.timeout))
  "management" (dict
    "server" (dict "port" .Values.ports.management)
    "endpoints" (dict "web" (dict "exposure" (dict "include" "health,info,prometheus")))
    "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
  "rxgate" $rxgate
}}
{{- if .Values.resilience4j }}
{{- $_ := set $chart "resilience4j" (deepCopy .Values.resilience4j) }}
{{- end }}
{{- toYaml (mergeOverwrite (deepCopy .Values.extraConfig) $chart) }}
{{- end }}

{{/* Chart name, overridable. */}}
{{- define "ha-iscsi-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, plus the chart name unless the release name contains it. */}}
{{- define "ha-iscsi-operator.fullname" -}}
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

{{- define "ha-iscsi-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ha-iscsi-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ha-iscsi-operator.labels" -}}
{{ include "ha-iscsi-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "ha-iscsi-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ha-iscsi-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The operator's rules, least privilege and without wildcards: its four kinds with status and
finalizers, Events, and on Secrets only get (read by name, never listed or watched) and create (the
Corosync authkey Secret generated once per cluster; RBAC cannot restrict create by name).
*/}}
{{- define "ha-iscsi-operator.rules" -}}
- apiGroups: ["hastorage.io"]
  resources: [storageclusters, drbdvolumes, scsttargets, ocfs2mounts]
  verbs: [get, list, watch, patch, update]
- apiGroups: ["hastorage.io"]
  resources: [storageclusters/status, drbdvolumes/status, scsttargets/status, ocfs2mounts/status]
  verbs: [get, patch, update]
- apiGroups: ["hastorage.io"]
  resources: [storageclusters/finalizers, drbdvolumes/finalizers, scsttargets/finalizers, ocfs2mounts/finalizers]
  verbs: [update]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, create]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}

{{/* Refuse settings that cannot work. */}}
{{- define "ha-iscsi-operator.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.operator.leaderElection) }}
{{- fail "replicaCount > 1 needs operator.leaderElection: true (replicas without a leader would all change the nodes)" }}
{{- end }}
{{- range $key, $_ := .Values.operator.settings }}
{{- if not (hasPrefix "HASTORAGE_" $key) }}
{{- fail (printf "operator.settings: %s is not a HASTORAGE_* setting" $key) }}
{{- end }}
{{- if has $key (list "HASTORAGE_WATCH_NAMESPACES" "HASTORAGE_LEADER_ELECTION" "HASTORAGE_LEASE_NAME" "HASTORAGE_LEASE_NAMESPACE" "HASTORAGE_HTTP_PORT") }}
{{- fail (printf "operator.settings: set %s through its own value under operator" $key) }}
{{- end }}
{{- end }}
{{- end }}

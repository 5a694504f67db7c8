import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProfileList, ProfileView, SaveProfileInput } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';
import {
  openConnectionKey,
  useAdoptOpenedConnection,
  useOwnConnections,
} from '../connections/connection-queries';
import { useConnectionsOfThisPage, type ShownForm } from '../connections/current-connection';
import { isLive } from '../connections/status-words';
import { draftFromProfile, nextClientId, type ProfileEdits } from './profile-draft';
import { useProfileEditor } from './profile-editor';

export const profileKeys = { list: ['profiles.list'] as const };

export function useProfileList(enabled = true) {
  return useQuery({ queryKey: profileKeys.list, queryFn: () => call('profiles.list', {}), enabled });
}

/** The one place `profiles.changed` pushes enter the renderer. Mount once. */
export function useProfilesFeed(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      getTransport().bridge.on('profiles.changed', (list) =>
        queryClient.setQueryData<ProfileList>(profileKeys.list, list),
      ),
    [queryClient],
  );
}

/** Writes a changed profile into the cached list at once (the push follows). */
function putProfile(queryClient: ReturnType<typeof useQueryClient>, profile: ProfileView): void {
  queryClient.setQueryData<ProfileList>(profileKeys.list, (list) => {
    if (!list) return list;
    const known = list.profiles.some((p) => p.id === profile.id);
    return {
      ...list,
      profiles: known
        ? list.profiles.map((p) => (p.id === profile.id ? profile : p))
        : [...list.profiles, profile],
    };
  });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveProfileInput) => call('profiles.save', input),
    onSuccess: (profile) => putProfile(queryClient, profile),
  });
}

/** Save as new: a duplicate keeps the stored secrets, then the edits are saved onto it. */
export function useSaveAsNewProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fromId, input }: { fromId: string; input: Omit<SaveProfileInput, 'id'> }) => {
      const copy = await call('profiles.duplicate', { id: fromId });
      return call('profiles.save', { ...input, id: copy.id });
    },
    onSuccess: (profile) => putProfile(queryClient, profile),
  });
}

export function useDuplicateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('profiles.duplicate', { id }),
    onSuccess: (profile) => putProfile(queryClient, profile),
  });
}

export function useDeleteProfiles() {
  return useMutation({ mutationFn: (ids: string[]) => call('profiles.delete', { ids }) });
}

export function useUndoDelete() {
  return useMutation({ mutationFn: (undoToken: string) => call('profiles.undoDelete', { undoToken }) });
}

export function useReorderProfiles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { folder: string; ids: string[] }) => call('profiles.reorder', input),
    onSuccess: (list) => queryClient.setQueryData(profileKeys.list, list),
  });
}

export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('profiles.restoreBackup', {}),
    onSuccess: (list) => queryClient.setQueryData(profileKeys.list, list),
  });
}

/**
 * Opens one more connection from a stored profile and shows it, like the form's Connect.
 * A fixed client ID already live on this page gets a suffix, so both stay connected.
 */
export interface ConnectProfileInput {
  profile: ProfileView;
  /** The form's unsaved edits: connect with them, leave them unsaved. */
  edits?: ProfileEdits;
  /** What the form showed; a saved profile's own settings when left out. */
  form?: ShownForm;
}

/** Connects a profile, then shows what it connected with in the form. */
export function useConnectProfile() {
  const adoptOpened = useAdoptOpenedConnection();
  const own = useOwnConnections();
  const { remember } = useConnectionsOfThisPage();
  const editor = useProfileEditor();
  return useMutation({
    mutationKey: openConnectionKey,
    mutationFn: ({ profile, edits }: ConnectProfileInput) => {
      const inUse = own.filter((s) => isLive(s.state)).map((s) => s.clientId);
      const clientId = nextClientId(edits?.options.clientId ?? profile.options.clientId, inUse);
      return call('profiles.connect', { id: profile.id, ...(clientId ? { clientId } : {}), ...edits });
    },
    onSuccess: (status, { profile, form }) => {
      adoptOpened(status);
      const saved = draftFromProfile(profile);
      const shown = form ?? { draft: saved, baseline: saved };
      remember(status.connectionId, shown);
      editor.show(shown);
    },
  });
}

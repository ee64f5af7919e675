import { photoSources } from "@/lib/factory/photo-serving";
import type { GalleryPhoto } from "@/lib/factory/profile";

// A site's photos as a small responsive gallery: each photo in the size the layout gives it (srcset
// from /photos/[id]?w=), loaded lazily, with its text alternative — or, for photos registered before
// the site gave one, `fallbackAlt(n)` ("Photo 2 du site …"), so no image is read as a bare file name.
export function PhotoGallery({ photos, fallbackAlt, sizes = "(min-width: 640px) 33vw, 100vw" }: { photos: GalleryPhoto[]; fallbackAlt: (n: number) => string; sizes?: string }) {
  if (photos.length === 0) return null;
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      {photos.map((photo, i) => {
        const { src, srcSet } = photoSources(photo);
        return (
          <li key={photo.id}>
            {/* eslint-disable-next-line @next/next/no-img-element -- the photo route already resizes (next/image would resize twice) */}
            <img
              src={src}
              srcSet={srcSet}
              sizes={sizes}
              width={photo.width}
              height={photo.height}
              alt={photo.alt || fallbackAlt(i + 1)}
              loading="lazy"
              decoding="async"
              className="aspect-[4/3] h-auto w-full rounded-lg bg-slate-100 object-cover"
            />
          </li>
        );
      })}
    </ul>
  );
}
